package site_test

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// Regression tests of bugs found while writing the test suite, now fixed.
// Each asserts what should happen; the message of each failure describes the
// bug as it was.

// A link from content to a part of a page (#fragment) that does not exist
// should be reported, like a link to a page that does not exist.
func TestContentLinkToMissingFragment(t *testing.T) {
	upper := fstest.MapFS{"content/sanda/renewal.en.md": &fstest.MapFile{Data: []byte(
		"---\ntitle: Renewing the electronic certificates in Sanda\n---\nSee [who can apply](issuance.md#who) and [the fee](issuance.md#no-such-part).\n")}}
	out := filepath.Join(t.TempDir(), "public")
	_, err := site.Build(site.Options{Src: overlayFS{upper: upper, lower: repoFS(t)}, Out: out, Theme: "default"})
	if err == nil {
		files := readTree(t, out)
		page := string(files["en/sanda/renewal/index.html"])
		if strings.Contains(page, `href="../issuance/index.html#no-such-part"`) {
			t.Fatal(`regression: content/markdown.go checks that a linked page exists but not the #fragment, so ` +
				`[the fee](issuance.md#no-such-part) builds into a link to a part of the page that does not exist ` +
				`(want: content/sanda/renewal.en.md:4:42: link to a part of a page that does not exist)`)
		}
		t.Fatalf("the build succeeded and the page has no link to #no-such-part:\n%s", page)
	}
	lines := diagLines(t, err)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "content/sanda/renewal.en.md:4:42: ") || !strings.Contains(lines[0], "no-such-part") {
		t.Errorf("the build reported:\n%s\nwant one problem at content/sanda/renewal.en.md:4:42 naming #no-such-part", strings.Join(lines, "\n"))
	}
}

// A heading in content whose generated id is one the layout uses as well
// (the guide's sections "who", "where", "pins" and "contact") must not give
// two elements the same id: the table of contents would jump to the wrong
// one.
func TestContentHeadingIDsDoNotClashWithLayout(t *testing.T) {
	upper := fstest.MapFS{"content/sanda/renewal.en.md": &fstest.MapFile{Data: []byte(
		"---\ntitle: Renewing the electronic certificates in Sanda\n---\n## Contact\n\nCall the Citizens Division first.\n")}}
	out := filepath.Join(t.TempDir(), "public")
	_, err := site.Build(site.Options{Src: overlayFS{upper: upper, lower: repoFS(t)}, Out: out, Theme: "default"})
	if err != nil {
		// Reporting the clash is a fix too.
		lines := diagLines(t, err)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "content/sanda/renewal.en.md:4:") {
			t.Errorf("the build reported:\n%s\nwant one problem at the heading, content/sanda/renewal.en.md:4", strings.Join(lines, "\n"))
		}
		return
	}
	var dups []string
	for _, p := range checkSite(readTree(t, out)) {
		if strings.Contains(p, "is used by") {
			dups = append(dups, p)
		}
	}
	if len(dups) == 1 && dups[0] == `en/sanda/renewal/index.html: id "contact" is used by 2 elements` {
		t.Fatal(`regression: content heading ids are generated without knowing the ids of the layout, so "## Contact" ` +
			`in content/sanda/renewal.en.md gives id="contact" twice on en/sanda/renewal/index.html, and the ` +
			`table of contents link #contact goes to the content heading instead of the contact section`)
	}
	for _, d := range dups {
		t.Error(d)
	}
}

// Content saved by Windows editors, with CRLF line endings or a UTF-8 byte
// order mark, should build like the same text saved with LF.
func TestContentWindowsLineEndings(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"crlf", "---\r\ntitle: About this site\r\n---\r\n## Where to go\r\n\r\nThe city's counters.\r\n"},
		{"bom", "\ufeff---\ntitle: About this site\n---\n## Where to go\n\nThe city's counters.\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := loadFixture(t, "site")
			fsys["content/about.en.md"] = &fstest.MapFile{Data: []byte(c.src)}
			out := filepath.Join(t.TempDir(), "public")
			_, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"})
			if err != nil {
				lines := diagLines(t, err)
				if len(lines) == 1 && strings.HasPrefix(lines[0], "content/about.en.md:1:1: missing front matter") {
					t.Fatalf("regression: content.parse looks for the front matter with \"---\\n\" only, so a page saved "+
						"with Windows line endings or a byte order mark fails with a misleading %q", lines[0])
				}
				t.Fatalf("the build reported:\n%s", strings.Join(lines, "\n"))
			}
			page := string(readTree(t, out)["en/about/index.html"])
			if !strings.Contains(page, "<title>About this site | Tebiki</title>") || !strings.Contains(page, `<h2 id="where-to-go">Where to go</h2>`) {
				t.Errorf("en/about/index.html:\n%s", page)
			}
		})
	}
}

// Builds running at once in one process (parallel tests, a preview server
// rebuilding while a build runs) must all get the checker, also when its
// cache is empty.
func TestConcurrentBuildsWithChecker(t *testing.T) {
	root := repoRoot(t)
	if !wasmbuild.Available(root) {
		t.Skip("no wasm/ sources")
	}
	t.Setenv("TEBIKI_CACHE", t.TempDir()) // an empty cache: every build compiles
	fsys := loadFixture(t, "single")
	const n = 3
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = site.Build(site.Options{Src: fsys, Out: filepath.Join(t.TempDir(), "public"), Theme: "t", Checker: root})
		}()
	}
	wg.Wait()
	var known []string
	for _, err := range errs {
		switch {
		case err == nil:
		case strings.Contains(err.Error(), ".wasm.tmp-") && strings.Contains(err.Error(), "no such file or directory"):
			known = append(known, err.Error())
		default:
			t.Errorf("Build: %v", err)
		}
	}
	if len(known) > 0 && !t.Failed() {
		t.Fatalf("regression: wasmbuild.Build names its temporary output after the process id only "+
			"(checker-KEY.wasm.tmp-PID), so builds in one process that compile at once write the same file and "+
			"all but the first fail to rename it:\n%s", strings.Join(known, "\n"))
	}
}

// A content page whose output path is taken by a page of the static checker
// (content/CITY/PROC/check.LANG.md and CITY/PROC/check/index.html) must be
// reported, not written twice.
func TestContentPageCollidesWithCheckerPage(t *testing.T) {
	fsys := loadFixture(t, "site")
	fsys["content/minato/renewal/check.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 衝突\n---\n本文\n")}
	fsys["content/minato/renewal/check.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Collision\n---\nText\n")}
	out, untouched := prepareOut(t)
	res, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"})
	if err == nil {
		files := readTree(t, out)
		if res.Files != len(files) {
			t.Fatalf("regression: site.plan does not check that page paths are unique, so content/minato/renewal/check.*.md and "+
				"the checker's first question are both written to LANG/minato/renewal/check/index.html: which one ends up there "+
				"depends on the order of the parallel writes, and Result counts %d files for the %d on disk", res.Files, len(files))
		}
		t.Fatalf("the build succeeded: %v", res)
	}
	untouched()
	lines := diagLines(t, err)
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "content/minato/renewal/check.") {
		t.Errorf("the build reported:\n%s\nwant a problem at content/minato/renewal/check.*.md", strings.Join(lines, "\n"))
	}
}
