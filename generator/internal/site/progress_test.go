package site_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// A build reports its stages in order, and every page rendered, up to the
// number of pages it renders.
func TestBuildProgress(t *testing.T) {
	fsys := loadFixture(t, "single")
	var (
		mu     sync.Mutex
		stages []string
		max    = map[string]int{}
		total  = map[string]int{}
		seen   = map[int]bool{}
	)
	progress := func(stage string, done, n int) {
		mu.Lock()
		defer mu.Unlock()
		if len(stages) == 0 || stages[len(stages)-1] != stage {
			stages = append(stages, stage)
		}
		if done > max[stage] {
			max[stage] = done
		}
		total[stage] = n
		if stage == site.StageRendering {
			seen[done] = true
		}
	}
	res, err := site.Build(site.Options{Src: fsys, Out: filepath.Join(t.TempDir(), "public"), Theme: "t", Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{site.StageLoading, site.StageRendering, site.StageFinishing}
	if len(stages) != len(want) {
		t.Fatalf("stages %q, want %q", stages, want)
	}
	for i := range want {
		if stages[i] != want[i] {
			t.Fatalf("stages %q, want %q", stages, want)
		}
	}
	if res.Pages < 2 || total[site.StageRendering] != res.Pages || max[site.StageRendering] != res.Pages {
		t.Errorf("rendering reported %d of %d pages; the build made %d", max[site.StageRendering], total[site.StageRendering], res.Pages)
	}
	for i := 0; i <= res.Pages; i++ {
		if !seen[i] {
			t.Errorf("no report of %d pages rendered", i)
		}
	}
}
