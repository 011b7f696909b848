package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// TestHoursGolden builds testdata/hours.txtar, a fixture city using every
// form of opening hours and closing days, on a fixed date (the hours shown
// depend on it), and compares the whole output with testdata/hours.golden/.
//
//	UPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run HoursGolden
//
// rewrites it; inspect the diff before committing.
func TestHoursGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: loadFixture(t, "hours"), Out: out, Theme: "t", Date: "2027-03-01"}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	got := readTree(t, out)
	dir := filepath.Join("testdata", "hours.golden")
	if updating() {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(dir, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, site.ManifestName)); err != nil {
			t.Fatal(err) // the build record holds times: not compared, not kept
		}
		t.Logf("rewrote %s; inspect the diff (git diff -- %s) before committing", dir, dir)
		return
	}
	if !compareTrees(t, "output vs "+dir, readTree(t, dir), got) {
		t.Errorf("the built site differs from %s.\nIf the change is intended, run\n\tUPDATE_SNAPSHOTS=1 go test ./generator/internal/site/ -run HoursGolden\nand inspect the diff (git diff -- %s) before committing it.", dir, dir)
	}
}

// TestHoursDefaultTheme lays the fixture city of testdata/hours.txtar over
// the real project and builds it with the default theme on 2027-03-01: the
// office lists, the guide's checker data and the announcement of the
// evening hours from 1 April say the hours in both languages.
func TestHoursDefaultTheme(t *testing.T) {
	_, files := readTxtar(t, "testdata/hours.txtar")
	upper := fstest.MapFS{}
	for name, f := range mapFS(files) {
		if strings.HasPrefix(name, "rules/hoshi/") || strings.HasPrefix(name, "content/hoshi/") {
			upper[name] = f
		}
	}
	addEasy(upper)
	out := filepath.Join(t.TempDir(), "public")
	opts := sampleOptions(t, out) // with the interactive checker, whose data lists the hours too
	opts.Src, opts.Date = overlayFS{upper: upper, lower: repoFS(t)}, "2027-03-01"
	if _, err := site.Build(opts); err != nil {
		t.Fatalf("Build: %v", err)
	}
	got := readTree(t, out)
	says := map[string][]string{
		"ja": {
			`<p class="hours">平日 8時30分～17時15分（12時00分～13時00分を除く）</p>`,
			`<p class="hours">第2・第4土曜 9時00分～12時00分</p>`,
			`<p class="hours">第5日曜 9時00分～10時00分、13時00分～14時00分</p>`,
			`<p class="hours">祝日、年末年始（12月29日～1月3日）と2027年12月27日～2028年1月7日は休み</p>`,
			`<p class="hours">月・水・金曜 10時00分～16時00分</p>`,
			`<p class="hours">開所記念日（5月1日）は休み。祝日も開いています</p>`,
			`<p class="hours">毎日 10時00分～19時00分</p>`,
		},
		"en": {
			`<p class="hours">Weekdays, 8:30 to 17:15 (closed 12:00 to 13:00)</p>`,
			`<p class="hours">2nd and 4th Saturdays, 9:00 to 12:00</p>`,
			`<p class="hours">5th Sundays, 9:00 to 10:00 and 13:00 to 14:00</p>`,
			`<p class="hours">Closed on national holidays, the year-end and New Year holidays (29 December to 3 January) and 27 December 2027 to 7 January 2028.</p>`,
			`<p class="hours">Mondays, Wednesdays and Fridays, 10:00 to 16:00</p>`,
			`founding day (1 May). Open on national holidays.</p>`,
			`<p class="hours">Every day, 10:00 to 19:00</p>`,
		},
	}
	announce := map[string]string{"ja": "木曜 17時15分～19時00分", "en": "Thursdays, 17:15 to 19:00"}
	for lang, want := range says {
		for _, p := range []string{"hoshi/index.html", "hoshi/renewal/index.html"} {
			page := unmark(string(got[lang+"/"+p]))
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Errorf("%s/%s does not say %s", lang, p, w)
				}
			}
			if strings.Contains(page, "2027年2月15日") || strings.Contains(page, "15 February 2027") {
				t.Errorf("%s/%s shows a closing day that has passed", lang, p)
			}
		}
		guide := string(got[lang+"/hoshi/renewal/index.html"])
		// The interactive checker lists the same lines for each office.
		if opts.Checker == "" {
			t.Logf("no Go toolchain to build the checker: its data is not checked")
			continue
		}
		// The checker shows the outcome as the generator rendered it for
		// each path (<template data-path>), offices and hours included.
		tmpls := regexp.MustCompile(`(?s)<template data-path[^>]*>(.*?)</template>`).FindAllStringSubmatch(guide, -1)
		if len(tmpls) == 0 {
			t.Fatalf("%s/hoshi/renewal/index.html has no outcomes for the checker", lang)
		}
		for _, w := range want {
			if !strings.Contains(w, `class="hours"`) {
				continue
			}
			for _, m := range tmpls {
				if !strings.Contains(m[1], w) {
					t.Errorf("%s: a checker outcome does not say %s", lang, w)
					break
				}
			}
		}
		if n := strings.Count(unmark(guide), announce[lang]); n == 0 {
			t.Errorf("%s/hoshi/renewal/index.html does not announce the evening hours %q", lang, announce[lang])
		}
	}
}

// addEasy gives a fixture city written in Japanese and English the Easy
// Japanese edition the real project lists (tebiki.yaml): its Japanese texts
// and pages, copied. The Easy Japanese wording of the real cities is tested
// on the real cities; here only the hours matter.
func addEasy(fsys fstest.MapFS) {
	flow := regexp.MustCompile(`\{ja: ([^,{}]*), en: `)
	block := regexp.MustCompile(`(?m)^(\s*)ja: (.*)$`)
	for name, f := range fsys {
		switch {
		case strings.HasSuffix(name, ".yaml"):
			s := flow.ReplaceAllString(string(f.Data), "{ja: $1, easy: $1, en: ")
			s = block.ReplaceAllStringFunc(s, func(line string) string {
				m := block.FindStringSubmatch(line)
				if strings.HasPrefix(m[2], "[") { // a rule test's words: Easy Japanese writes hours its own way
					return line + "\n" + m[1] + "easy: []"
				}
				return line + "\n" + m[1] + "easy: " + m[2]
			})
			fsys[name] = &fstest.MapFile{Data: []byte(s)}
		case strings.HasSuffix(name, ".ja.md"):
			fsys[strings.TrimSuffix(name, ".ja.md")+".easy.md"] = f
		}
	}
}
