package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// Shards built apart and merged give the folder a single full build gives,
// file for file and record for record (but the files' modification times),
// and a build over the merged folder with nothing changed is incremental.
func TestShardsMergeEqualsFull(t *testing.T) {
	fsys := incBase(t) // three cities; yama's prose links into minato's page
	cities, err := site.ProjectCities(fsys)
	if err != nil || strings.Join(cities, ",") != "kawa,minato,yama" {
		t.Fatalf("ProjectCities = %v, %v", cities, err)
	}
	for _, n := range []int{1, 2, 3} {
		t.Run(strings.Repeat("I", n), func(t *testing.T) {
			tmp := t.TempDir()
			full := filepath.Join(tmp, "full")
			opts := incOptions(fsys, full)
			opts.BaseURL = "https://example.org/guides/" // the sitemap lists every page
			if _, err := site.Build(opts); err != nil {
				t.Fatal(err)
			}
			var shards []string
			seen := 0
			for i := 1; i <= n; i++ {
				part, err := site.ShardCities(fsys, i, n)
				if err != nil {
					t.Fatal(err)
				}
				seen += len(part)
				dir := filepath.Join(tmp, "shard", string(rune('0'+i)))
				o := opts
				o.Out, o.Shard = dir, part
				if _, err := site.Build(o); err != nil {
					t.Fatalf("shard %d/%d (%v): %v", i, n, part, err)
				}
				if n > 1 {
					if _, err := os.Stat(filepath.Join(dir, "ja", part[0], "index.html")); err != nil {
						t.Errorf("shard %d/%d lacks its city's page: %v", i, n, err)
					}
				}
				shards = append(shards, dir)
			}
			if seen != len(cities) {
				t.Fatalf("the %d shards hold %d cities, want %d", n, seen, len(cities))
			}
			merged := filepath.Join(tmp, "merged")
			if _, err := site.Merge(merged, shards); err != nil {
				t.Fatal(err)
			}
			compareTrees(t, "merged shards", readTree(t, full), readTree(t, merged))
			compareManifests(t, full, merged)
			o := opts
			o.Out = merged
			again, err := site.Build(o)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Incremental || again.Written != 0 {
				t.Errorf("a build over the merged folder with nothing changed: %s (%s); want incremental, nothing written", again, again.Full)
			}
		})
	}
}

// Merge refuses shards that do not make one site, and changes nothing.
func TestMergeRefuses(t *testing.T) {
	fsys := incBase(t)
	tmp := t.TempDir()
	build := func(name string, cities []string, date string) string {
		dir := filepath.Join(tmp, name)
		o := incOptions(fsys, dir)
		o.Shard = cities
		if date != "" {
			o.Date = date
		}
		if _, err := site.Build(o); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	a := build("a", []string{"kawa"}, "")
	b := build("b", []string{"minato", "yama"}, "")
	c := build("c", []string{"minato"}, "")
	d := build("d", []string{"minato", "yama"}, "2026-12-01")
	whole := filepath.Join(tmp, "whole")
	if _, err := site.Build(incOptions(fsys, whole)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		shards []string
		want   string
	}{
		{"a city missing", []string{a, c}, "no shard holds the cities yama"},
		{"a city twice", []string{a, b, c}, "city minato is in two shards"},
		{"another date", []string{a, d}, "build every shard with the same -date"},
		{"a whole site", []string{a, whole}, "holds a whole site, not a shard"},
		{"not a build", []string{a, t.TempDir()}, "is not the output of a Tebiki build"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(tmp, "out-"+strings.ReplaceAll(tc.name, " ", "-"))
			_, err := site.Merge(out, tc.shards)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Merge: %v; want an error saying %q", err, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a refused merge made %s", out)
			}
		})
	}
	// A page of a shard edited after its build is not merged.
	page := filepath.Join(b, "ja", "yama", "index.html")
	if err := os.WriteFile(page, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Merge(filepath.Join(tmp, "out-edited"), []string{a, b}); err == nil || !strings.Contains(err.Error(), "changed since its shard was built") {
		t.Errorf("Merge of an edited shard: %v", err)
	}
}

// A shard of unknown cities is refused with the name of each.
func TestShardUnknownCity(t *testing.T) {
	o := incOptions(incBase(t), filepath.Join(t.TempDir(), "out"))
	o.Shard = []string{"kawa", "nowhere"}
	_, err := site.Build(o)
	if err == nil || !strings.Contains(err.Error(), `there is no city "nowhere"`) {
		t.Fatalf("Build with an unknown shard city: %v", err)
	}
}
