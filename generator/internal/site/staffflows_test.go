package site_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// The staff pages of cities whose procedures draw the same flow share its
// drawing within a build (graph.Flows): each page must still have its own
// city's ids, and a city whose flow differs in one answer's label, built
// after the others, its own drawing with its own label.
func TestStaffFlowsPerCity(t *testing.T) {
	_, files := readTxtar(t, "testdata/thirdcity.txtar")
	upper := fstest.MapFS{}
	same := []string{"flowa", "flowb", "flowc"}
	const other = "flowz" // last: it would find the others' drawing kept
	for _, city := range append(same, other) {
		for _, f := range files {
			name := strings.Replace(f.Name, "/testcity/", "/"+city+"/", 1)
			data := string(f.Data)
			if city == other && strings.HasSuffix(name, "/renewal.yaml") {
				data = strings.Replace(data, `en: "A proxy"`, `en: "Someone else (a proxy)"`, 1)
				data = strings.Replace(data, `ja: 代理人,`, `ja: ほかの人（代理人）,`, 1)
			}
			upper[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	addEasy(upper)
	out, _ := buildSite(t, overlayFS{upper: upper, lower: repoFS(t)}, "default")
	tree := readTree(t, out)
	svg := regexp.MustCompile(`(?s)<svg.*?</svg>`)
	for _, lang := range []string{"ja", "en"} {
		drawings := map[string]string{}
		for _, city := range append(same, other) {
			page := string(tree[lang+"/"+city+"/renewal/staff/index.html"])
			s := svg.FindString(page)
			if s == "" {
				t.Fatalf("%s/%s: no flow on the staff page", lang, city)
			}
			id := "flow-" + city + "-renewal-" + lang
			if !strings.Contains(s, `aria-labelledby="`+id+`-title"`) || !strings.Contains(s, `url(#`+id+`-arrow)`) {
				t.Errorf("%s/%s: the flow's ids are not its own (%s)", lang, city, id)
			}
			for _, c := range append(same, other) {
				if c != city && strings.Contains(s, "flow-"+c+"-") {
					t.Errorf("%s/%s: the flow has ids of %s", lang, city, c)
				}
			}
			drawings[city] = strings.ReplaceAll(s, id, "ID")
		}
		label := map[string]string{"ja": "ほかの人", "en": "Someone else"}[lang]
		for _, city := range same {
			if drawings[city] != drawings[same[0]] {
				t.Errorf("%s: %s's flow is drawn otherwise than %s's, from the same rules", lang, city, same[0])
			}
			if strings.Contains(drawings[city], label) {
				t.Errorf("%s/%s: the flow has the label of %s", lang, city, other)
			}
		}
		if !strings.Contains(drawings[other], label) {
			t.Errorf("%s/%s: the flow lacks its own answer's label %q", lang, other, label)
		}
	}
}
