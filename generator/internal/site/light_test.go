package site_test

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// rebuildAgainstFull builds base into a new folder, then, after each edit
// in turn, builds over it and checks the folder and its record against a
// full build of the same project; loaded are the cities each build must
// read (the others come from the record). It returns the output folder.
func rebuildAgainstFull(t *testing.T, base fstest.MapFS, loaded []int, edits ...func(fstest.MapFS)) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	fsys := maps.Clone(base)
	for i, e := range edits {
		fsys = maps.Clone(fsys)
		e(fsys)
		res, err := site.Build(incOptions(fsys, out))
		if err != nil {
			t.Fatalf("edit %d: %v", i+1, err)
		}
		if !res.Incremental || res.Loaded != loaded[i] {
			t.Errorf("edit %d: %s (%s), %d cities loaded; want incremental, %d loaded", i+1, res, res.Full, res.Loaded, loaded[i])
		}
		full := filepath.Join(t.TempDir(), "public")
		want, err := site.Build(incOptions(fsys, full))
		if err != nil {
			t.Fatal(err)
		}
		compareTrees(t, "incremental build vs full build", readTree(t, full), readTree(t, out))
		compareManifests(t, full, out)
		if strings.Join(warningLines(res), "\n") != strings.Join(warningLines(want), "\n") {
			t.Errorf("edit %d warned:\n%s\nthe full build:\n%s", i+1, strings.Join(warningLines(res), "\n"), strings.Join(warningLines(want), "\n"))
		}
	}
}

func warningLines(res *site.Result) []string {
	var out []string
	for _, w := range res.Warnings {
		out = append(out, w.String())
	}
	return out
}

// An edit of one city reads that city only: the others' names on the top
// pages, their pages (links into them are checked), their scheduled
// changes and their warnings come from the record, and the result is a
// full build's.
func TestRebuildReadsOnlyTheEditedCity(t *testing.T) {
	t.Run("a city's name, shown on the top pages", func(t *testing.T) {
		rebuildAgainstFull(t, incBase(t), []int{1, 1}, func(f fstest.MapFS) {
			edit(f, "rules/kawa/city.yaml", "川市", "河市", "Kawa City", "River City")
		}, func(f fstest.MapFS) {
			edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
		})
	})
	t.Run("a link to a part of another city's page", func(t *testing.T) {
		rebuildAgainstFull(t, incBase(t), []int{1}, func(f fstest.MapFS) {
			edit(f, "content/kawa/_index.en.md", "Procedures in Kawa.", "Procedures in Kawa; see also Minato's [counter](../minato/renewal.md#counter).")
		})
	})
	t.Run("a city renamed (its folders moved)", func(t *testing.T) {
		base := incBase(t)
		for _, c := range []struct{ id, ja, en string }{{"umi", "海市", "Umi City"}, {"sora", "空市", "Sora City"}} {
			for name, f := range maps.Clone(base) {
				for _, dir := range []string{"rules/", "content/"} {
					if rest, ok := strings.CutPrefix(name, dir+"kawa/"); ok {
						base[dir+c.id+"/"+rest] = f
					}
				}
			}
			edit(base, "rules/"+c.id+"/city.yaml", "川市", c.ja, "Kawa City", c.en)
		}
		rebuildAgainstFull(t, base, []int{1}, func(f fstest.MapFS) {
			for name, file := range maps.Clone(f) {
				for _, dir := range []string{"rules/", "content/"} {
					if rest, ok := strings.CutPrefix(name, dir+"umi/"); ok {
						f[dir+"kaze/"+rest] = file
						delete(f, name)
					}
				}
			}
		})
	})
	t.Run("changes scheduled in the cities kept", func(t *testing.T) {
		base := incBase(t)
		edit(base, "rules/yama/city.yaml", `      - {days: weekdays, open: "08:45", close: "17:30"}`,
			`      - {days: weekdays, open: "08:45", close: "17:30", effective_until: "2027-03-31"}
      - {days: weekdays, open: "09:00", close: "17:30", effective_from: "2027-04-01"}`)
		for _, l := range []string{"ja", "en"} {
			edit(base, "content/yama/_index."+l+".md", "---\n", "---\neffective_until: \"2027-06-30\"\n")
		}
		rebuildAgainstFull(t, base, []int{1}, func(f fstest.MapFS) {
			edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
		})
	})
	t.Run("a warning of a city kept, and one across cities", func(t *testing.T) {
		base := incBase(t)
		// yama's hall is named after kawa: a copied building.
		edit(base, "rules/yama/city.yaml", "山市役所", "川市役所")
		rebuildAgainstFull(t, base, []int{1, 1}, func(f fstest.MapFS) {
			edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
		}, func(f fstest.MapFS) {
			edit(f, "rules/yama/city.yaml", "川市役所", "山市役所") // no longer copied
		})
	})
}

// A theme may show on the top pages what a city's summary lacks. The
// build that first meets a city whose value the summary cannot give
// records so, and the next build reads every city.
func TestRebuildReadsAllWhenTheTopPagesNeedMore(t *testing.T) {
	base := incBase(t)
	edit(base, "themes/t/layouts/home.html", `<a href="{{$.CityHref .}}">{{$.Tx .Name}}</a>:`, `<a href="{{$.CityHref .}}">{{$.Tx .Name}}</a> ({{len .Notices}}):`)
	rebuildAgainstFull(t, base, []int{1, 3, 3}, func(f fstest.MapFS) {
		// minato gets a notice (at the end: no position in its summary
		// moves): no city had one, the summaries have none
		f["rules/minato/city.yaml"] = &fstest.MapFile{Data: append(append([]byte{}, f["rules/minato/city.yaml"].Data...), "notices:\n  - id: busy\n    name: {ja: 月末は混みます。, en: Busy at the end of the month.}\n"...)}
	}, func(f fstest.MapFS) {
		edit(f, "rules/kawa/city.yaml", `close: "17:30"`, `close: "17:45"`)
	}, func(f fstest.MapFS) {
		edit(f, "rules/yama/city.yaml", `close: "17:30"`, `close: "17:45"`)
	})
}

// The preview server's rebuild of one city (BuildFiles with Cities and
// Previous) reads that city only and renders what a full build renders.
func TestBuildFilesTakesOtherCitiesFromPrevious(t *testing.T) {
	fsys := incBase(t)
	opts := site.Options{Src: fsys, Theme: "t", Date: "2026-11-22"}
	_, prev, err := site.BuildFiles(opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range []func(fstest.MapFS){
		func(f fstest.MapFS) { edit(f, "rules/kawa/city.yaml", "川市", "河市", "Kawa City", "River City") },
		func(f fstest.MapFS) {
			edit(f, "content/minato/renewal.en.md", "## Counter", "## Where to apply")
			edit(f, "content/yama/pin_reset.en.md", "#counter", "#where-to-apply")
		},
	} {
		fsys = maps.Clone(fsys)
		e(fsys)
		city := []string{"kawa", "minato"}[i]
		part := opts
		part.Src, part.Cities, part.Previous = fsys, []string{city}, prev
		if i == 1 {
			part.Cities = []string{"minato", "yama"}
		}
		files, res, err := site.BuildFiles(part)
		if err != nil {
			t.Fatal(err)
		}
		if res.Loaded != len(part.Cities) {
			t.Errorf("edit %d: %d cities loaded; want %d", i+1, res.Loaded, len(part.Cities))
		}
		whole := opts
		whole.Src = fsys
		want, _, err := site.BuildFiles(whole)
		if err != nil {
			t.Fatal(err)
		}
		for p, b := range files {
			if string(want[p]) != string(b) {
				t.Errorf("edit %d: %s differs from the full build's", i+1, p)
			}
		}
		if _, ok := files["en/index.html"]; !ok {
			t.Errorf("edit %d: the top page was not rendered", i+1)
		}
		prev = res
	}
}

// A link from the edited city's prose to a part of a kept city's page that
// does not exist is reported as a full build reports it.
func TestRebuildChecksLinksIntoKeptCities(t *testing.T) {
	base := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	changed := maps.Clone(base)
	edit(changed, "content/kawa/_index.en.md", "Procedures in Kawa.", "Procedures in Kawa; see also [Minato](../minato/renewal.md#nowhere) and [Yama](../yama/gone.md).")
	_, err := site.Build(incOptions(changed, out))
	got := diagLines(t, err)
	_, err = site.Build(incOptions(changed, filepath.Join(t.TempDir(), "public")))
	want := diagLines(t, err)
	if len(want) != 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the incremental build reported:\n%s\nthe full build:\n%s\nwant the same two problems", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A site with furigana reads every city on every build: the check of
// readings reads every file and warns about any, so nothing is kept.
func TestRebuildWithFuriganaReadsAll(t *testing.T) {
	base := incBase(t)
	base["tebiki.yaml"] = &fstest.MapFile{Data: []byte("languages:\n  - {code: ja, name: 日本語, html_lang: ja, furigana: true}\n  - {code: en, name: English, html_lang: en}\n")}
	rebuildAgainstFull(t, base, []int{3}, func(f fstest.MapFS) {
		edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
	})
}

// An edit that changes nothing the pages of no city show keeps them as the
// last build wrote them; any that does renders them again. Either way the
// folder is a full build's, and links from those pages are checked again.
func TestRebuildKeepsTopPages(t *testing.T) {
	base := incBase(t)
	edit(base, "content/_index.en.md", "[About this site](about.md)", "[About this site](about.md), [Minato's counter](minato/renewal.md#counter)")
	for _, c := range []struct {
		name string
		edit func(fstest.MapFS)
		kept bool
	}{
		{"a city's hours", func(f fstest.MapFS) { edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`) }, true},
		{"a city's prose", func(f fstest.MapFS) {
			edit(f, "content/kawa/_index.en.md", "Procedures in Kawa.", "What you can do in Kawa.")
		}, true},
		{"a city's name", func(f fstest.MapFS) { edit(f, "rules/kawa/city.yaml", "Kawa City", "River City") }, false},
		{"a city's weight (its place in the list)", func(f fstest.MapFS) { edit(f, "rules/kawa/city.yaml", "weight: 1", "weight: 9") }, false},
		{"a procedure removed", func(f fstest.MapFS) {
			without(f, "rules/kawa/pin_reset.", "content/kawa/pin_reset.")
		}, false},
		{"the top pages' prose", func(f fstest.MapFS) {
			edit(f, "content/about.en.md", "The city's counters.", "The counters of the city.")
		}, false},
		{"a city removed", func(f fstest.MapFS) { without(f, "rules/yama/", "content/yama/") }, false},
		{"a page of no city added to a city's folder", func(f fstest.MapFS) {
			f["content/kawa/faq.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: よくある質問\n---\n本文\n")}
			f["content/kawa/faq.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\nText\n")}
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(incOptions(base, out)); err != nil {
				t.Fatal(err)
			}
			changed := maps.Clone(base)
			c.edit(changed)
			res, err := site.Build(incOptions(changed, out))
			if err != nil {
				t.Fatal(err)
			}
			if !res.Incremental || res.TopKept != c.kept {
				t.Errorf("%s: top pages kept %v; want %v", res, res.TopKept, c.kept)
			}
			full := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(incOptions(changed, full)); err != nil {
				t.Fatal(err)
			}
			compareTrees(t, "incremental build vs full build", readTree(t, full), readTree(t, out))
			compareManifests(t, full, out)
		})
	}
	t.Run("a page of no city removed from a city's folder", func(t *testing.T) {
		withFAQ := maps.Clone(base)
		withFAQ["content/kawa/faq.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: よくある質問\n---\n本文\n")}
		withFAQ["content/kawa/faq.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\nText\n")}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(incOptions(withFAQ, out)); err != nil {
			t.Fatal(err)
		}
		res, err := site.Build(incOptions(base, out))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Incremental || res.TopKept {
			t.Errorf("%s: top pages kept %v; want an incremental build rendering them", res, res.TopKept)
		}
		full := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(incOptions(base, full)); err != nil {
			t.Fatal(err)
		}
		compareTrees(t, "incremental build vs full build", readTree(t, full), readTree(t, out))
	})
	t.Run("a city's checker pages renamed, with a sitemap", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		opts := incOptions(base, out)
		opts.BaseURL = "https://example.org/guides/"
		if _, err := site.Build(opts); err != nil {
			t.Fatal(err)
		}
		changed := maps.Clone(base)
		edit(changed, "rules/minato/renewal.yaml", "      - id: self\n", "      - id: holder\n", "when: {who: self}", "when: {who: holder}")
		edit(changed, "rules/minato/renewal.test.yaml", "answers: {who: self}", "answers: {who: holder}")
		opts.Src = changed
		res, err := site.Build(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Incremental || !res.TopKept {
			t.Errorf("%s: top pages kept %v; want them kept", res, res.TopKept)
		}
		full := filepath.Join(t.TempDir(), "public")
		opts.Out = full
		if _, err := site.Build(opts); err != nil {
			t.Fatal(err)
		}
		compareTrees(t, "incremental build vs full build", readTree(t, full), readTree(t, out))
		compareManifests(t, full, out)
		opts.Out = out
		if again, err := site.Build(opts); err != nil || !again.Unchanged {
			t.Errorf("built again: %v, %v; want nothing changed", again, err)
		}
	})
	t.Run("a heading the top page links to", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(incOptions(base, out)); err != nil {
			t.Fatal(err)
		}
		changed := maps.Clone(base)
		edit(changed, "content/minato/renewal.en.md", "## Counter", "## Where to apply")
		edit(changed, "content/yama/pin_reset.en.md", "#counter", "#where-to-apply")
		_, err := site.Build(incOptions(changed, out))
		got := diagLines(t, err)
		_, err = site.Build(incOptions(changed, filepath.Join(t.TempDir(), "public")))
		want := diagLines(t, err)
		if len(want) != 1 || !strings.Contains(want[0], "content/_index.en.md") || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("the incremental build reported:\n%s\nthe full build:\n%s\nwant the top page's link reported", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// A page of no city in a city's folder makes the preview's rebuild read
// every city: the pages it would keep need that folder read.
func TestBuildFilesWithAPageOfNoCityInACityFolder(t *testing.T) {
	fsys := incBase(t)
	fsys["content/kawa/faq.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: よくある質問\n---\n本文\n")}
	fsys["content/kawa/faq.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\nText\n")}
	edit(fsys, "content/_index.en.md", "[About this site](about.md)", "[About this site](about.md), [FAQ](kawa/faq.md)")
	opts := site.Options{Src: fsys, Theme: "t", Date: "2026-11-22"}
	_, prev, err := site.BuildFiles(opts)
	if err != nil {
		t.Fatal(err)
	}
	fsys = maps.Clone(fsys)
	edit(fsys, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
	part := opts
	part.Src, part.Cities, part.Previous = fsys, []string{"minato"}, prev
	files, res, err := site.BuildFiles(part)
	if err != nil {
		t.Fatal(err)
	}
	if res.Loaded != 3 {
		t.Errorf("%d cities loaded; want all 3", res.Loaded)
	}
	whole := opts
	whole.Src = fsys
	want, _, err := site.BuildFiles(whole)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if string(want[p]) != string(b) {
			t.Errorf("%s differs from the full build's", p)
		}
	}
}

// A build that took the cities from the record but then turns out full
// (here: two new folders of pages and three cities, more than half
// changed) reads every city after all.
func TestRebuildTurnedFullReadsAll(t *testing.T) {
	base := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	changed := maps.Clone(base)
	for _, dir := range []string{"x", "y"} {
		changed["content/"+dir+"/a.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: ページ\n---\n本文\n")}
		changed["content/"+dir+"/a.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Page\n---\nText\n")}
	}
	res, err := site.Build(incOptions(changed, out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Incremental || res.Loaded != 3 {
		t.Errorf("%s, %d cities loaded; want a full build of all 3", res, res.Loaded)
	}
	full := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(changed, full)); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, "after the build vs a full build", readTree(t, full), readTree(t, out))
	compareManifests(t, full, out)
}
