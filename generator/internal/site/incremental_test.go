package site_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// incBase is the project of testdata/site.txtar with a third city, yama,
// whose prose links to a part of a page of minato.
func incBase(t *testing.T) fstest.MapFS {
	fsys := loadFixture(t, "site")
	for name, f := range maps.Clone(fsys) {
		if rest, ok := strings.CutPrefix(name, "rules/kawa/"); ok {
			fsys["rules/yama/"+rest] = f
		}
		if rest, ok := strings.CutPrefix(name, "content/kawa/"); ok {
			fsys["content/yama/"+rest] = f
		}
	}
	edit(fsys, "rules/yama/city.yaml", "川市", "山市", "Kawa City", "Yama City")
	fsys["content/minato/renewal.ja.md"].Data = append(fsys["content/minato/renewal.ja.md"].Data, "\n\n## 窓口\n\n市民課です。\n"...)
	fsys["content/minato/renewal.en.md"].Data = append(fsys["content/minato/renewal.en.md"].Data, "\n\n## Counter\n\nThe Citizens Division.\n"...)
	fsys["content/yama/pin_reset.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 山市 暗証番号の再設定\n---\n港市の[窓口](../minato/renewal.md#窓口)でもできます。\n")}
	fsys["content/yama/pin_reset.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: PIN reset in Yama\n---\nAlso at Minato's [counter](../minato/renewal.md#counter).\n")}
	return fsys
}

// edit replaces, in the file name of fsys, each old string by its new one
// (pairs); each must be there.
func edit(fsys fstest.MapFS, name string, pairs ...string) {
	f := fsys[name]
	if f == nil {
		panic("no file " + name)
	}
	s := string(f.Data)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic(name + " has no " + pairs[i])
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	fsys[name] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
}

func without(fsys fstest.MapFS, prefixes ...string) {
	for name := range fsys {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				delete(fsys, name)
			}
		}
	}
}

func incOptions(fsys fs.FS, out string) site.Options {
	return site.Options{Src: fsys, Out: out, Theme: "t", Date: "2026-11-22"}
}

// After every kind of edit, a build over the previous output gives the same
// folder, file for file, as a full build into an empty one; it is
// incremental when only cities and the top pages' prose changed, and
// renders only the changed cities.
func TestIncrementalEqualsFull(t *testing.T) {
	cases := []struct {
		name   string
		change func(fs fstest.MapFS, o *site.Options)
		cities int // changed cities rendered again; -1: a full build
		loaded int // cities whose rules and content are read again
	}{
		{"nothing", func(fstest.MapFS, *site.Options) {}, 0, 0},
		{"a city's hours", func(f fstest.MapFS, _ *site.Options) {
			edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
		}, 1, 1},
		{"a city's prose", func(f fstest.MapFS, _ *site.Options) {
			edit(f, "content/kawa/_index.en.md", "Procedures in Kawa.", "What you can do in Kawa.")
		}, 1, 1},
		{"the top pages' prose", func(f fstest.MapFS, _ *site.Options) {
			edit(f, "content/about.en.md", "The city's counters.", "The counters of the city.")
		}, 0, 0},
		{"a new page in a city's folder", func(f fstest.MapFS, _ *site.Options) {
			f["content/kawa/faq.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: よくある質問\n---\n本文\n")}
			f["content/kawa/faq.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\nText\n")}
		}, 1, 1},
		{"a procedure removed", func(f fstest.MapFS, _ *site.Options) {
			without(f, "rules/minato/pin_reset.", "content/minato/pin_reset.")
			edit(f, "content/minato/renewal.ja.md", "[暗証番号の再設定](pin_reset.md)", "暗証番号の再設定")
			edit(f, "content/minato/renewal.en.md", "[Resetting a PIN](pin_reset.md)", "Resetting a PIN")
		}, 1, 1},
		{"a city added", func(f fstest.MapFS, _ *site.Options) {
			for name, file := range maps.Clone(f) {
				if rest, ok := strings.CutPrefix(name, "rules/kawa/"); ok {
					f["rules/umi/"+rest] = file
				}
				if rest, ok := strings.CutPrefix(name, "content/kawa/"); ok {
					f["content/umi/"+rest] = file
				}
			}
		}, 1, 1},
		{"a city removed", func(f fstest.MapFS, _ *site.Options) {
			without(f, "rules/kawa/", "content/kawa/")
		}, 1, 0},
		{"the national rules", func(f fstest.MapFS, _ *site.Options) {
			edit(f, "rules/national.yaml", "The certificates expire", "Certificates expire")
		}, -1, -1},
		{"the site's settings", func(f fstest.MapFS, _ *site.Options) {
			f["tebiki.yaml"] = &fstest.MapFile{Data: []byte("timezone: America/New_York\n")}
		}, -1, -1},
		{"the theme", func(f fstest.MapFS, _ *site.Options) {
			f["themes/t/assets/style.css"] = &fstest.MapFile{Data: append([]byte("p{margin:0}\n"), f["themes/t/assets/style.css"].Data...)}
		}, -1, -1},
		{"the date, past a city's scheduled change", func(f fstest.MapFS, o *site.Options) {
			edit(f, "rules/minato/city.yaml", `      - {days: weekdays, open: "08:30", close: "17:15"}`,
				`      - {days: weekdays, open: "08:30", close: "17:15", effective_until: "2026-12-31"}
      - {days: weekdays, open: "08:30", close: "18:00", effective_from: "2027-01-01"}`)
		}, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := incBase(t)
			out := filepath.Join(t.TempDir(), "public")
			opts := incOptions(base, out)
			if c.name == "the date, past a city's scheduled change" {
				// The scheduled hours are in the first build; the second
				// build is for a later day, with the files unchanged.
				c.change(base, &opts)
				opts.Date = "2026-12-15"
			}
			first, err := site.Build(opts)
			if err != nil {
				t.Fatal(err)
			}
			if first.Incremental {
				t.Errorf("the first build into an empty folder was incremental")
			}
			changed := maps.Clone(base)
			opts2 := incOptions(changed, out)
			if c.name == "the date, past a city's scheduled change" {
				opts2.Date = "2027-01-02"
			} else {
				c.change(changed, &opts2)
			}
			res, err := site.Build(opts2)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case c.cities < 0 && res.Incremental:
				t.Errorf("the build was incremental (%s); want a full build", res)
			case c.cities >= 0 && !res.Incremental:
				t.Errorf("the build was full (%s): %s; want an incremental one", res, res.Full)
			case c.cities >= 0 && res.Cities != c.cities:
				t.Errorf("%d cities rendered again; want %d (%s)", res.Cities, c.cities, res)
			case c.cities >= 0 && res.Loaded != c.loaded:
				t.Errorf("%d cities loaded; want %d, the others taken from the record", res.Loaded, c.loaded)
			}
			fullOut := filepath.Join(t.TempDir(), "public")
			opts2.Out = fullOut
			full, err := site.Build(opts2)
			if err != nil {
				t.Fatal(err)
			}
			got := readTree(t, out)
			compareTrees(t, "incremental build vs full build", readTree(t, fullOut), got)
			if res.Pages != full.Pages || res.Files != full.Files || res.Bytes != full.Bytes {
				t.Errorf("Result: %d pages, %d files, %d bytes; the full build: %d, %d, %d", res.Pages, res.Files, res.Bytes, full.Pages, full.Files, full.Bytes)
			}
			if dirs := emptyDirs(t, out); len(dirs) > 0 {
				t.Errorf("empty folders left: %v", dirs)
			}
			compareManifests(t, fullOut, out)

			// Built again with nothing changed: nothing is written.
			opts2.Out = out
			again, err := site.Build(opts2)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Incremental || again.Cities != 0 || again.Written != 0 || again.Removed != 0 {
				t.Errorf("a build with nothing changed: %s (%s); want incremental, nothing written or removed", again, again.Full)
			}
		})
	}
}

// compareManifests checks that the records of two builds of the same site
// agree but for the files' modification times and the inputs' status.
func compareManifests(t *testing.T, wantDir, gotDir string) {
	t.Helper()
	read := func(dir string) map[string]any {
		b, err := os.ReadFile(filepath.Join(dir, site.ManifestName))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		// The inputs' status is the machine's (a merge of shards
		// keeps none): the inputs themselves are compared by their hashes.
		// So is the output folders' status.
		delete(m, "inputFiles")
		delete(m, "inputsAt")
		delete(m, "dirs")
		delete(m, "dirsAt")
		for _, g := range m["groups"].(map[string]any) {
			for _, f := range g.(map[string]any)["files"].(map[string]any) {
				delete(f.(map[string]any), "t")
			}
		}
		b, _ = json.MarshalIndent(m, "", " ")
		return map[string]any{"": string(b)}
	}
	if w, g := read(wantDir)[""].(string), read(gotDir)[""].(string); w != g {
		t.Errorf("the records of the incremental and the full build differ:\n%s", firstDiff([]byte(w), []byte(g)))
	}
}

func emptyDirs(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// A link from a city that did not change to a part of a page that did is
// checked again: the page's heading renamed breaks it, and the build
// reports it at its place and changes nothing. So does a missing page.
func TestIncrementalChecksKeptLinks(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(fstest.MapFS)
		want   []string
	}{
		{"heading renamed", func(f fstest.MapFS) {
			edit(f, "content/minato/renewal.en.md", "## Counter", "## Where to apply")
		}, []string{`content/yama/pin_reset.en.md:4:18: link to a part of a page that does not exist: #counter (link to a heading of that page by its text, for example #contact for "## Contact")`}},
		{"top page's heading renamed", func(f fstest.MapFS) {
			edit(f, "content/about.en.md", "## Where to go", "## Our counters")
		}, []string{`content/minato/renewal.en.md:5:52: link to a part of a page that does not exist: #where-to-go (link to a heading of that page by its text, for example #contact for "## Contact")`}},
		{"linked page removed", func(f fstest.MapFS) {
			without(f, "content/about.")
		}, []string{
			"content/_index.en.md:4:19: link to a page that does not exist: about.md (check the file name; links are relative to this file)",
			"content/_index.ja.md:4:16: link to a page that does not exist: about.md (check the file name; links are relative to this file)",
			"content/minato/renewal.en.md:5:52: link to a page that does not exist: ../about.md#where-to-go (check the file name; links are relative to this file)",
			"content/minato/renewal.ja.md:5:38: link to a page that does not exist: ../about.md#手続きの場所 (check the file name; links are relative to this file)",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := incBase(t)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(incOptions(base, out)); err != nil {
				t.Fatal(err)
			}
			before := readTree(t, out)
			manifest, _ := os.ReadFile(filepath.Join(out, site.ManifestName))
			changed := maps.Clone(base)
			c.change(changed)
			_, err := site.Build(incOptions(changed, out))
			got := diagLines(t, err)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("the build reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			compareTrees(t, "output after the failed build", before, readTree(t, out))
			if after, _ := os.ReadFile(filepath.Join(out, site.ManifestName)); string(after) != string(manifest) {
				t.Errorf("the record of the last build changed")
			}
			// A full build reports the same.
			_, err = site.Build(incOptions(changed, filepath.Join(t.TempDir(), "public")))
			if full := diagLines(t, err); strings.Join(full, "\n") != strings.Join(got, "\n") {
				t.Errorf("a full build reports:\n%s\nthe incremental one:\n%s", strings.Join(full, "\n"), strings.Join(got, "\n"))
			}
		})
	}
}

// A file of the output edited, added or deleted by hand since the last
// build makes the next build full, and puts the folder right; also when a
// city changed too (the build then loads that city while the output is
// checked, and loads every city once the check has found the edit).
func TestIncrementalDistrustsEditedOutput(t *testing.T) {
	for name, tamper := range map[string]func(out string) error{
		"edited": func(out string) error {
			return os.WriteFile(filepath.Join(out, "ja", "index.html"), []byte("edited"), 0o644)
		},
		"deleted": func(out string) error { return os.Remove(filepath.Join(out, "en", "kawa", "index.html")) },
		"record unreadable": func(out string) error {
			return os.WriteFile(filepath.Join(out, site.ManifestName), []byte("{"), 0o644)
		},
	} {
		for _, cityToo := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/city changed %v", name, cityToo), func(t *testing.T) {
				base := incBase(t)
				out := filepath.Join(t.TempDir(), "public")
				if _, err := site.Build(incOptions(base, out)); err != nil {
					t.Fatal(err)
				}
				now := base
				if cityToo {
					now = maps.Clone(base)
					edit(now, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
				}
				fresh := filepath.Join(t.TempDir(), "public")
				if _, err := site.Build(incOptions(now, fresh)); err != nil {
					t.Fatal(err)
				}
				want := readTree(t, fresh)
				if err := tamper(out); err != nil {
					t.Fatal(err)
				}
				res, err := site.Build(incOptions(now, out))
				if err != nil {
					t.Fatal(err)
				}
				if res.Incremental {
					t.Errorf("the build was incremental; want a full one")
				}
				compareTrees(t, "output after the build", want, readTree(t, out))
			})
		}
	}
}

// A file added by hand to a previous output is not Tebiki's: the build
// refuses to delete it (naming it) unless told to with Force, and changes
// nothing; whether a city changed (the output is checked while the city is
// loaded), nothing did, or the site's settings did (a full build).
func TestAddedFileInOutputRefused(t *testing.T) {
	for name, change := range map[string]func(fstest.MapFS){
		"a city changed": func(f fstest.MapFS) {
			edit(f, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
		},
		"nothing changed": func(fstest.MapFS) {},
		"the settings changed": func(f fstest.MapFS) {
			f["tebiki.yaml"] = &fstest.MapFile{Data: []byte("timezone: America/New_York\n")}
		},
	} {
		t.Run(name, func(t *testing.T) {
			base := incBase(t)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(incOptions(base, out)); err != nil {
				t.Fatal(err)
			}
			want := readTree(t, out)
			extra := filepath.Join(out, "ja", "extra.html")
			if err := os.WriteFile(extra, []byte("extra"), 0o644); err != nil {
				t.Fatal(err)
			}
			// An interrupted build's staging folder beside the output: a
			// build removes it, but not one that is refused.
			leftover := filepath.Join(filepath.Dir(out), ".public.new-1")
			if err := os.MkdirAll(leftover, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(leftover, ".tebiki-staging"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			changed := maps.Clone(base)
			change(changed)
			_, err := site.Build(incOptions(changed, out))
			var refused *site.RefusedError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), "holds ja/extra.html, which the last build did not write") {
				t.Fatalf("build over an output with a file added by hand: %v; want it refused, naming the file", err)
			}
			if _, err := os.Stat(leftover); err != nil {
				t.Errorf("the refused build touched the staging folder beside the output: %v", err)
			}
			got := readTree(t, out)
			want["ja/extra.html"] = []byte("extra")
			compareTrees(t, "output after the refused build", want, got)
			opts := incOptions(changed, out)
			opts.Force = true
			res, err := site.Build(opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Incremental || res.Unchanged {
				t.Errorf("with -force over a foreign file: %s; want a full build", res)
			}
			if _, err := os.Stat(extra); !os.IsNotExist(err) {
				t.Errorf("-force kept %s", extra)
			}
		})
	}
}

// A problem found in an incremental build leaves the output as it was.
func TestIncrementalFailureLeavesOutput(t *testing.T) {
	base := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	changed := maps.Clone(base)
	edit(changed, "rules/minato/city.yaml", `close: "17:15"`, `close: "25:00"`)
	if _, err := site.Build(incOptions(changed, out)); err == nil {
		t.Fatal("the build succeeded with a wrong time")
	}
	compareTrees(t, "output after the failed build", before, readTree(t, out))
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("beside the output: %d entries; want only the output", len(entries))
	}
	// The record still holds: the next good build is incremental.
	res, err := site.Build(incOptions(base, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Incremental || res.Written != 0 {
		t.Errorf("after the failed build: %s (%s); want an incremental build writing nothing", res, res.Full)
	}
}

// Builds into the same folder at the same time wait for each other, so the
// folder and its record agree afterwards: the next build is incremental and
// writes nothing.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	base := incBase(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	for round, hours := range []string{"17:30", "17:45", "18:00"} {
		changed := maps.Clone(base)
		edit(changed, "rules/minato/city.yaml", `close: "17:15"`, `close: "`+hours+`"`)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				_, err := site.Build(incOptions(changed, out))
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		res, err := site.Build(incOptions(changed, out))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Incremental || res.Written != 0 {
			t.Fatalf("round %d: after concurrent builds, %s (%s); want incremental, nothing written", round, res, res.Full)
		}
		full := filepath.Join(t.TempDir(), "public")
		opts := incOptions(changed, full)
		if _, err := site.Build(opts); err != nil {
			t.Fatal(err)
		}
		compareTrees(t, "after concurrent builds", readTree(t, full), readTree(t, out))
	}
}
