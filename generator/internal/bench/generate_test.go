package bench

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/site"
)

const testDate = "2026-11-22"

func generate(t *testing.T, cities int, seed int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := GenerateSite(dir, cities, seed); err != nil {
		t.Fatalf("GenerateSite: %v", err)
	}
	return dir
}

// TestGenerateSiteBuilds builds generated projects: every rule test passes,
// every path is covered, and every page exists in both languages.
func TestGenerateSiteBuilds(t *testing.T) {
	for _, n := range []int{3, 8} {
		dir := generate(t, n, 7)
		files, res, err := site.BuildFiles(site.Options{Src: os.DirFS(dir), Date: testDate})
		if err != nil {
			t.Fatalf("%d cities: build: %v", n, err)
		}
		keys := contentKeys(t, dir)
		if want := 1 + 3*n; len(keys) != want { // top page, and per city its home and 2 guides
			t.Errorf("%d cities: %d content pages, want %d", n, len(keys), want)
		}
		for _, key := range keys {
			for _, lang := range []string{"ja", "en"} {
				if _, err := os.Stat(filepath.Join(dir, "content", filepath.FromSlash(key)+"."+lang+".md")); err != nil && !strings.HasSuffix(key, "_index") {
					t.Errorf("no %s page for %s", lang, key)
				}
				if _, ok := files[site.PagePath(lang, pageKey(key))]; !ok {
					t.Errorf("%d cities: %s not built", n, site.PagePath(lang, pageKey(key)))
				}
			}
		}
		t.Logf("%d cities: %s", n, res)
	}
}

// contentKeys lists content/ as keys such as "c0001/_index" and "c0001/renewal".
func contentKeys(t *testing.T, dir string) []string {
	t.Helper()
	seen := map[string]bool{}
	var keys []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
		rel = filepath.ToSlash(rel)
		key := strings.TrimSuffix(strings.TrimSuffix(rel, ".ja.md"), ".en.md")
		if !seen[key] {
			seen[key] = true
			keys = append(keys, key)
		}
		for _, lang := range []string{"ja", "en"} {
			if _, err := os.Stat(filepath.Join(dir, "content", filepath.FromSlash(key)+"."+lang+".md")); err != nil {
				t.Errorf("%s has no %s version", rel, lang)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func pageKey(key string) string {
	key = strings.TrimSuffix(key, "_index")
	return strings.TrimSuffix(key, "/")
}

func TestGenerateSiteDeterministic(t *testing.T) {
	a, b, c := generate(t, 4, 42), generate(t, 4, 42), generate(t, 4, 43)
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != len(tb) {
		t.Fatalf("same seed: %d files, then %d", len(ta), len(tb))
	}
	for p, x := range ta {
		if !bytes.Equal(x, tb[p]) {
			t.Errorf("same seed, %s differs", p)
		}
	}
	differ := 0
	for p, x := range ta {
		if !bytes.Equal(x, tc[p]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("another seed gives the same project")
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	mdLink    = regexp.MustCompile(`\]\(([a-z_]+)\.md\)`)
	mdHeading = regexp.MustCompile(`(?m)^## `)
	mdList    = regexp.MustCompile(`(?m)^(- |1\. )`)
)

// TestGeneratedProse checks the Markdown the brief asks for: lengths in
// range, headings, lists and a link to the sibling procedure in every guide.
func TestGeneratedProse(t *testing.T) {
	dir := generate(t, 40, 3)
	for _, key := range contentKeys(t, dir) {
		if !strings.Contains(key, "/") {
			continue // the top page comes from the repository
		}
		for _, lang := range []string{"ja", "en"} {
			file := filepath.Join(dir, "content", filepath.FromSlash(key)+"."+lang+".md")
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
			if !ok {
				t.Fatalf("%s: no front matter", file)
			}
			home := strings.HasSuffix(key, "/_index")
			var n int
			var want span
			switch {
			case lang == "ja" && home:
				n, want = jaLen(body), homeJa
			case lang == "ja":
				n, want = jaLen(body), guideJa
			case home:
				n, want = enLen(body), homeEn
			default:
				n, want = enLen(body), guideEn
			}
			if n < want.lo || n > want.hi {
				t.Errorf("%s: length %d, want %d to %d", file, n, want.lo, want.hi)
			}
			if !mdHeading.MatchString(body) || !mdList.MatchString(body) {
				t.Errorf("%s: no heading or no list", file)
			}
			links := mdLink.FindAllStringSubmatch(body, -1)
			if len(links) == 0 {
				t.Errorf("%s: no link to a procedure", file)
			}
			for _, l := range links {
				if !home && strings.HasSuffix(key, "/"+l[1]) {
					t.Errorf("%s links to itself", file)
				}
			}
		}
	}
}

// TestEditHours makes the incremental benchmark's edit and checks that the
// project still builds and shows the new hours.
//
// The project may come from another process (the benchmarks take one with
// TEBIKI_BENCH_SRC): the words of its hours are then read from it.
func TestEditHours(t *testing.T) {
	dir := generate(t, 2, 1)
	wordsMu.Lock()
	words = map[string]rules.Words{} // as in a process that did not generate it
	wordsMu.Unlock()
	ja, err := EditHours(dir, "c0001", "19:00")
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := site.BuildFiles(site.Options{Src: os.DirFS(dir), Date: testDate})
	if err != nil {
		t.Fatalf("build after the edit: %v", err)
	}
	if !strings.Contains(ja, "19時00分") || !bytes.Contains(files["ja/c0001/index.html"], []byte(ja)) {
		t.Errorf("the city page does not show the new hours %q", ja)
	}
}
