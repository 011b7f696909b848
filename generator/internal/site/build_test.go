package site_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Building the sample site twice gives byte-identical trees, whatever the
// number of parallel renderers.
func TestDeterministic(t *testing.T) {
	var trees []map[string][]byte
	for _, workers := range []int{0, 1, 7} {
		out := filepath.Join(t.TempDir(), "public")
		opts := sampleOptions(t, out)
		opts.Workers = workers
		if _, err := site.Build(opts); err != nil {
			t.Fatalf("Build (workers %d): %v", workers, err)
		}
		trees = append(trees, readTree(t, out))
	}
	if len(trees[0]) < 16 {
		t.Fatalf("the sample site has only %d files", len(trees[0]))
	}
	for i := 1; i < len(trees); i++ {
		compareTrees(t, fmt.Sprintf("build %d vs build 1", i+1), trees[0], trees[i])
	}
}

// The summary counts what was written, and prints as the command shows it.
func TestResultCountsPages(t *testing.T) {
	out, res := buildSample(t)
	files := readTree(t, out)
	var size int64
	for _, b := range files {
		size += int64(len(b))
	}
	pages := len(htmlPages(files))
	if res.Pages != pages || res.Files != len(files) || res.Bytes != size {
		t.Errorf("Result = %d pages, %d files, %d bytes; the output has %d pages, %d files, %d bytes",
			res.Pages, res.Files, res.Bytes, pages, len(files), size)
	}
	// Every page of the sample site exists in both languages, plus the root page.
	if pages%2 != 1 {
		t.Errorf("%d pages: want the root page and pairs of ja/en pages", pages)
	}
	if res.Duration <= 0 {
		t.Errorf("Duration = %v", res.Duration)
	}
	want := regexp.MustCompile(fmt.Sprintf(`^built %d pages \(%d files, %d KB\) in [0-9.]+(ms|s|µs)$`, pages, len(files), size/1024))
	if s := res.String(); !want.MatchString(s) {
		t.Errorf("String() = %q; want it to match %s", s, want)
	}
}

// Several builds at once, from the same in-memory project, each with several
// renderers, give the same site. Run with -race.
func TestParallelBuilds(t *testing.T) {
	fsys := loadFixture(t, "site")
	const n = 4
	outs := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		outs[i] = filepath.Join(t.TempDir(), "public")
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = site.Build(site.Options{Src: fsys, Out: outs[i], Theme: "t", Workers: i + 2})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	first := readTree(t, outs[0])
	for i := 1; i < n; i++ {
		compareTrees(t, fmt.Sprintf("parallel build %d vs 1", i+1), first, readTree(t, outs[i]))
	}
}

// A build replaces the output folder as a whole: files of the previous site
// that the new one does not have are gone, and nothing is left beside it.
func TestRebuildReplacesOutput(t *testing.T) {
	fsys := loadFixture(t, "single")
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"}); err != nil {
		t.Fatal(err)
	}
	first := readTree(t, out)
	// The previous site had one more page, since removed from the sources.
	more := maps.Clone(fsys)
	more["content/old-page.ja.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 古いページ\n---\n古い。\n")}
	more["content/old-page.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Old page\n---\nOld.\n")}
	if _, err := site.Build(site.Options{Src: more, Out: out, Theme: "t"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "ja", "old-page", "index.html")); err != nil {
		t.Fatalf("the page to be removed was not built: %v", err)
	}
	if _, err := site.Build(site.Options{Src: fsys, Out: out, Theme: "t"}); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, "rebuilt site", first, readTree(t, out))
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		for _, e := range entries {
			t.Errorf("beside the output: %s", e.Name())
		}
	}
	// An output folder that does not exist yet, under folders that do not either.
	deep := filepath.Join(parent, "a", "b", "site")
	if _, err := site.Build(site.Options{Src: fsys, Out: deep, Theme: "t"}); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, "site in a new folder", first, readTree(t, deep))
}

// A theme that does not exist is a positioned problem, and nothing is written.
func TestUnknownTheme(t *testing.T) {
	out, untouched := prepareOut(t)
	_, err := site.Build(site.Options{Src: loadFixture(t, "site"), Out: out, Theme: "nope"})
	got := diagLines(t, err)
	untouched()
	want := `themes/nope: theme "nope" not found (create the theme folder, or check its name)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("the build reported:\n%v\nwant:\n%s", got, want)
	}
}
