package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// runCached runs the rule tests with the cache of passed tests on, and
// returns how many cities it took from the cache.
func runCached(t *testing.T, fsys fstest.MapFS) (TestReport, []string, int64) {
	t.Helper()
	before := TestCacheHits()
	_, rep, errs := load(fsys)
	return rep, errs, TestCacheHits() - before
}

// The cities whose tests passed are not tested again while nothing they read
// changed; any change to what a city's tests read runs them again, so a
// failure is never hidden; a corrupt cache file is ignored.
func TestPassedTestsAreCached(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tests.cache")
	LoadTestCache(path)
	defer SaveTestCache()
	fsys := repo(t)

	rep1, errs1, hits := runCached(t, fsys)
	if hits != 0 || len(errs1) != 0 || rep1.Run == 0 {
		t.Fatalf("first run: %d from the cache, report %+v, problems %q", hits, rep1, errs1)
	}
	rep2, errs2, hits := runCached(t, fsys)
	if hits != 2 || rep2 != rep1 || len(errs2) != 0 {
		t.Errorf("second run: %d cities from the cache (want 2), report %+v (want %+v), problems %q", hits, rep2, rep1, errs2)
	}

	// A change to Sanda's hours breaks one of its tests: Sanda runs again
	// and fails as it does without the cache; Sakuragawa comes from the cache.
	edited := copyFS(fsys)
	city := string(edited["rules/sanda/city.yaml"].Data)
	if !strings.Contains(city, `close: "17:30"`) {
		t.Fatal("the fixture changed: no 17:30 in Sanda's city.yaml")
	}
	edited["rules/sanda/city.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(city, `close: "17:30"`, `close: "17:15"`, 1))}
	rep3, errs3, hits := runCached(t, edited)
	SaveTestCache()
	_, _, want := load(edited) // no cache
	LoadTestCache(path)
	if hits != 1 || rep3.Failed == 0 || !slices.Equal(errs3, want) {
		t.Errorf("after editing Sanda's hours: %d from the cache (want 1), report %+v, problems %q, want %q", hits, rep3, errs3, want)
	}

	// The same for a test file, for the words the tests compare hours
	// with, and for the date.
	edited = copyFS(fsys)
	tf := string(edited["rules/sanda/renewal.test.yaml"].Data)
	edited["rules/sanda/renewal.test.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(tf, "outcome: not_yet", "outcome: renew_here", 1))}
	if rep, _, hits := runCached(t, edited); hits != 1 || rep.Failed == 0 {
		t.Errorf("after editing a Sanda test: %d from the cache (want 1), report %+v", hits, rep)
	}
	edited = copyFS(fsys)
	nat := edited["rules/national.yaml"].Data
	edited["rules/national.yaml"] = &fstest.MapFile{Data: append(slices.Clone(nat), "\n# edited\n"...)}
	if _, _, hits := runCached(t, edited); hits != 0 {
		t.Errorf("after editing national.yaml: %d cities from the cache, want 0", hits)
	}
	var errs diag.List
	r := Load(fsys, &errs)
	r.Date = r.Date.AddDays(1)
	r.Words = testBook()
	before := TestCacheHits()
	RunTests(fsys, r, &errs)
	if TestCacheHits() != before {
		t.Error("another date: tests taken from the cache")
	}
	r = Load(fsys, &errs)
	r.Words = testBook()
	r.Words[0].strings = cloneWith(r.Words[0].strings, "fmt.span", "{from} to {to}")
	before = TestCacheHits()
	RunTests(fsys, r, &errs)
	if TestCacheHits() != before {
		t.Error("other words: tests taken from the cache")
	}

	// Saved and read back; then a corrupt file is as if empty.
	if err := SaveTestCache(); err != nil {
		t.Fatal(err)
	}
	LoadTestCache(path)
	if _, _, hits := runCached(t, fsys); hits != 2 {
		t.Errorf("from the file: %d cities from the cache, want 2", hits)
	}
	SaveTestCache()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-10] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	LoadTestCache(path)
	if rep, errs, hits := runCached(t, fsys); hits != 0 || rep != rep1 || len(errs) != 0 {
		t.Errorf("corrupt file: %d from the cache (want 0), report %+v, problems %q", hits, rep, errs)
	}
}

func copyFS(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	return out
}

func cloneWith(m map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// BenchmarkRuleTests runs the sample site's rule tests, every time and
// with the cache of passed tests (every city taken from it).
func BenchmarkRuleTests(b *testing.B) {
	fsys := repo(b)
	var errs diag.List
	r := Load(fsys, &errs)
	r.Words = testBook()
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			RunTests(fsys, r, &diag.List{})
		}
	})
	b.Run("cached", func(b *testing.B) {
		LoadTestCache(filepath.Join(b.TempDir(), "tests.cache"))
		defer SaveTestCache()
		RunTests(fsys, r, &diag.List{}) // fills the cache
		before := TestCacheHits()
		for b.Loop() {
			RunTests(fsys, r, &diag.List{})
		}
		if TestCacheHits() == before {
			b.Fatal("no city taken from the cache")
		}
	})
}
