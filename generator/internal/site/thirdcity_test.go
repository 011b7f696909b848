package site_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Adding a city takes only files under rules/ and content/: the fixture
// testdata/thirdcity.txtar is laid over the real project, and the built site
// must have the city in both languages, on the top pages, with its offices
// and hours, and nothing of it anywhere else.
func TestThirdCity(t *testing.T) {
	_, files := readTxtar(t, "testdata/thirdcity.txtar")
	upper := mapFS(files)
	for name := range upper {
		if !strings.HasPrefix(name, "rules/testcity/") && !strings.HasPrefix(name, "content/testcity/") {
			t.Fatalf("the fixture must add only files under rules/testcity/ and content/testcity/, not %s", name)
		}
	}
	addEasy(upper)
	repo := repoFS(t)

	baseOut, _ := buildSite(t, repo, "default")
	out, res := buildSite(t, overlayFS{upper: upper, lower: repo}, "default")
	before, after := readTree(t, baseOut), readTree(t, out)

	// The city's pages exist in both languages: home, guide and the checker.
	for _, lang := range []string{"ja", "en"} {
		for _, p := range []string{"testcity/index.html", "testcity/renewal/index.html", "testcity/renewal/check/index.html"} {
			if _, ok := after[lang+"/"+p]; !ok {
				t.Errorf("missing page %s/%s", lang, p)
			}
		}
	}
	added := 0
	for name := range after {
		if _, ok := before[name]; !ok {
			added++
			if !strings.HasPrefix(name, "ja/testcity/") && !strings.HasPrefix(name, "en/testcity/") && !strings.HasPrefix(name, "easy/testcity/") {
				t.Errorf("new file outside the city's folders: %s", name)
			}
		}
	}
	if res.Pages != len(htmlPages(after)) || len(htmlPages(after)) != len(htmlPages(before))+added {
		t.Errorf("Result.Pages = %d; the site has %d pages, %d more than without the city", res.Pages, len(htmlPages(after)), added)
	}

	// Listed on the top pages, in each language, after the other cities (weight 3).
	top := []struct {
		page, href, name, before string
	}{
		{"ja/index.html", `href="testcity/index.html"`, "試験市", "三田市"},
		{"en/index.html", `href="testcity/index.html"`, "Shiken City (試験市)", "Sanda City"},
		{"index.html", `href="ja/testcity/index.html"`, "試験市", "三田市"},
		{"index.html", `href="en/testcity/index.html"`, "Shiken City (試験市)", "Sanda City"},
	}
	for _, c := range top {
		s := unmark(string(after[c.page]))
		i, j := strings.Index(s, c.href), strings.Index(s, c.name)
		if i < 0 || j < 0 {
			t.Errorf("%s does not list the city (%s, %q)", c.page, c.href, c.name)
			continue
		}
		if k := strings.Index(s, c.before); k < 0 || k > j {
			t.Errorf("%s: %q should come after %q (weight 3)", c.page, c.name, c.before)
		}
	}

	// Offices, hours and contact, in the language of the page.
	says := map[string][]string{
		"ja": {"試験市役所本庁舎", "戸籍住民課", "平日 8時15分～16時45分", "試験市北出張所", "平日 9時30分～15時30分", "000-111-2222"},
		"en": {"Shiken City Hall, main building", "Family Register and Residents Division", "Weekdays, 8:15 to 16:45", "Shiken North Branch Office", "Weekdays, 9:30 to 15:30", "000-111-2222"},
	}
	for lang, want := range says {
		for _, p := range []string{"testcity/index.html", "testcity/renewal/index.html"} {
			page := unmark(string(after[lang+"/"+p]))
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Errorf("%s/%s does not say %q", lang, p, w)
				}
			}
		}
	}
	if s := unmark(string(after["en/testcity/renewal/check/proxy.html"])); !strings.Contains(s, "Shiken City letter of proxy (form No. 9)") {
		t.Errorf("en/testcity/renewal/check/proxy.html does not list the city's own document")
	}
	if s := unmark(string(after["ja/testcity/renewal/check/proxy.html"])); !strings.Contains(s, "試験市の委任状（様式第9号）") {
		t.Errorf("ja/testcity/renewal/check/proxy.html does not list the city's own document")
	}

	// No leak: every other page is exactly as without the city, except the
	// top pages that list the cities; and the city's pages say nothing of
	// the other cities.
	tops := map[string]bool{"index.html": true, "ja/index.html": true, "en/index.html": true, "easy/index.html": true}
	for name, b := range before {
		if tops[name] {
			continue
		}
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed when the city was added", name)
		}
	}
	leaks := []string{"試験市", "Shiken", "testcity", "8時15分", "8:15", "000-111-2222", "様式第9号"}
	for name, b := range after {
		if tops[name] || strings.HasPrefix(name, "ja/testcity/") || strings.HasPrefix(name, "en/testcity/") || strings.HasPrefix(name, "easy/testcity/") {
			continue
		}
		for _, l := range leaks {
			if bytes.Contains(b, []byte(l)) {
				t.Errorf("%s mentions %q of the test city", name, l)
			}
		}
	}
	others := []string{"三田", "桜川", "Sanda", "Sakuragawa", "sanda/", "sakuragawa/", "079-559-5044"}
	for name, b := range after {
		if !strings.HasPrefix(name, "ja/testcity/") && !strings.HasPrefix(name, "en/testcity/") {
			continue
		}
		for _, o := range others {
			if bytes.Contains(b, []byte(o)) {
				t.Errorf("%s mentions %q of another city", name, o)
			}
		}
	}
}

// A city sees only its own documents and procedures (and the national
// ones): naming another city's document or outcome is an error.
func TestThirdCityCannotUseOtherCities(t *testing.T) {
	_, files := readTxtar(t, "testdata/thirdcity.txtar")
	upper := mapFS(files)
	src := string(upper["rules/testcity/renewal.yaml"].Data)
	// photo_id is a document of both other cities; issuance.self an outcome of Sanda.
	src = strings.Replace(src, "          - doc: shiken_form\n", "          - doc: shiken_form\n          - doc: photo_id\n", 1)
	src = strings.Replace(src, "    when: {who: self}\n", "    when: {who: self}\n    use: issuance.self\n", 1)
	upper["rules/testcity/renewal.yaml"] = &fstest.MapFile{Data: []byte(src)}
	addEasy(upper)

	out, untouched := prepareOut(t)
	_, err := site.Build(site.Options{Src: overlayFS{upper: upper, lower: repoFS(t)}, Out: out, Theme: "default"})
	got := diagLines(t, err)
	untouched()
	// The hint lists the known documents, which depend on national.yaml:
	// compare up to it.
	want := []string{
		`rules/testcity/renewal.yaml:19:5: use: "issuance.self" names no outcome (write it as PROCEDURE.OUTCOME, naming an outcome of this city)`,
		`rules/testcity/renewal.yaml:41:13: unknown document "photo_id" (define it in rules/testcity/city.yaml or rules/national.yaml) (`,
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(got[i], want[i]) && !strings.Contains(strings.TrimPrefix(got[i], want[i]), "photo_id")
	}
	if !ok {
		t.Errorf("the build reported:\n%s\n\nwant lines starting with:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
