package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// BenchmarkRebuild times site.Build over the output of the previous build
// of a generated project, as "tebiki build" runs after an edit: with
// nothing changed (nothing loaded, no input read: each is known by its
// status; the output checked against the record, its folders known by
// their status), and after one city's hours changed
// (everything loaded and checked, the YAML parsed once before taken from
// the cache of parsed YAML; that city's rule tests run and its pages and
// the top pages rendered). The project size comes from TEBIKI_BENCH_CITIES
// (default 100); the caches go to a temporary TEBIKI_CACHE:
//
//	go test ./generator/internal/bench -run '^$' -bench Rebuild -benchtime 5x
func BenchmarkRebuild(b *testing.B) {
	n := 100
	if v := os.Getenv("TEBIKI_BENCH_CITIES"); v != "" {
		fmt.Sscanf(v, "%d", &n)
	}
	b.Setenv("TEBIKI_CACHE", b.TempDir())
	dir := filepath.Join(b.TempDir(), "site")
	if err := GenerateSite(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	// A build trusts an input's status only when its times are a few
	// seconds older than the build (see site/inputstat.go): a project just
	// written would be read whole by every build, as it is not in use.
	time.Sleep(3*time.Second + 100*time.Millisecond)
	opts := site.Options{Src: os.DirFS(dir), SrcDir: dir, Out: filepath.Join(b.TempDir(), "public"), Date: benchDate.String()}
	if _, err := site.Build(opts); err != nil { // full, not timed
		b.Fatal(err)
	}
	// The same holds for the output's folders (site/outdirs.go): the first
	// build with nothing changed once they are a few seconds old records
	// their status (not timed); the next ones list none of them.
	time.Sleep(3*time.Second + 100*time.Millisecond)
	if _, err := site.Build(opts); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("cities=%d/unchanged", n), func(b *testing.B) {
		for b.Loop() {
			res, err := site.Build(opts)
			if err != nil {
				b.Fatal(err)
			}
			if !res.Unchanged {
				b.Fatalf("not unchanged: %s (%s)", res, res.Full)
			}
		}
	})
	// The two closing times alternate; each is built once untimed first, so
	// that its text is cut into phrases before the timing (cutting a new
	// text loads the dictionary: most of a second, once per process).
	closing := []string{"19:10", "19:40"}
	for _, c := range closing {
		if _, err := EditHours(dir, "c0001", c); err != nil {
			b.Fatal(err)
		}
		if _, err := site.Build(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.Run(fmt.Sprintf("cities=%d/one-city-edit", n), func(b *testing.B) {
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			if _, err := EditHours(dir, "c0001", closing[(i-1)%2]); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := site.Build(opts)
			if err != nil {
				b.Fatal(err)
			}
			if !res.Incremental || res.Cities != 1 {
				b.Fatalf("not an incremental build of one city: %s (%s)", res, res.Full)
			}
		}
	})
}
