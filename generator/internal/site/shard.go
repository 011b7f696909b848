package site

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/flock"
)

// Sharded builds. A national portal can spread its build over machines:
// each builds some cities (Options.Shard) into a folder of its own, and
// Merge combines the folders into the site a single build would have made.
// Every shard loads and checks the whole project and renders the pages of
// no city (the top pages, which list every city) as well as its cities'
// pages; those top pages are the same in every shard. A shard runs only its
// cities' rule tests. Links from one city's prose into another city's pages
// are checked by Merge, from the shards' build records.

// ShardCities returns the cities of shard i of n (1-based): the cities of
// the project (the folders of rules/ with a city.yaml), sorted, cut into n
// runs of nearly equal length.
func ShardCities(fsys fs.FS, i, n int) ([]string, error) {
	if n < 1 || i < 1 || i > n {
		return nil, mergeErr("--shard", "give I/N with 1 ≤ I ≤ N, such as 2/8", "there is no shard %d/%d", i, n)
	}
	all, err := ProjectCities(fsys)
	if err != nil {
		return nil, err
	}
	lo, hi := (i-1)*len(all)/n, i*len(all)/n
	return all[lo:hi], nil
}

// ProjectCities lists the cities of the project: the folders of rules/
// that hold a city.yaml, sorted.
func ProjectCities(fsys fs.FS) ([]string, error) {
	ents, err := fs.ReadDir(fsys, "rules")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		if _, err := fs.Stat(fsys, "rules/"+e.Name()+"/city.yaml"); err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// checkShard reports cities of a shard that the project does not have.
func (s *Site) checkShard(cities []string, errs *diag.List) {
	known := map[string]bool{}
	for _, c := range s.Rules.Cities {
		known[c.ID] = true
	}
	for _, c := range cities {
		if !known[c] {
			errs.AddHint(diag.Pos{File: "--cities"}, "give the names of folders under rules/", "there is no city %q", c)
		}
	}
}

// Merge combines the outputs of shard builds (Options.Shard) of one project
// into out, which ends up as a single full build would leave it, record
// included (with the new files' modification times). The shards must come
// from the same sources, options and date, and together hold every city
// once. out is replaced as a build replaces it, under the same rules (see
// checkOutput): a *RefusedError when it may not be.
func Merge(out string, shards []string) (*Result, error) {
	start := time.Now()
	if len(shards) == 0 {
		return nil, mergeErr("--out", "name the shards' output folders after the flags", "nothing to merge")
	}
	ms := make([]*manifest, len(shards))
	for i, dir := range shards {
		m, err := readManifest(dir)
		if err != nil {
			return nil, mergeErr(dir, "give the -out folders of tebiki build -shard", "this folder is not the output of a Tebiki build (its %s is missing or unreadable)", ManifestName)
		}
		if m.Shard == nil {
			return nil, mergeErr(dir, "merge only the outputs of build -shard or -cities", "this folder holds a whole site, not a shard")
		}
		ms[i] = m
	}
	first := ms[0]
	merged := &manifest{Version: first.Version, Global: first.Global, Date: first.Date, Inputs: first.Inputs, Assets: first.Assets, Groups: map[string]*group{},
		Pages: first.Pages, Upcoming: first.Upcoming, Cities: first.Cities, Summed: first.Summed} // every shard loads the whole site
	owner := map[string]int{} // group -> shard that supplies its files
	covered := map[string]int{}
	for i, m := range ms {
		switch {
		case m.Version != first.Version || m.Global != first.Global:
			return nil, mergeErr(shards[i], "build every shard with the same Tebiki, options, national rules and theme", "this shard and %s were built differently", shards[0])
		case m.Date != first.Date:
			return nil, mergeErr(shards[i], "build every shard with the same -date", "this shard was built for %s and %s for %s", m.Date, shards[0], first.Date)
		case !maps.Equal(m.Inputs, first.Inputs) || !maps.Equal(m.Assets, first.Assets):
			return nil, mergeErr(shards[i], "build every shard from the same files", "this shard and %s were built from different rules, content or theme", shards[0])
		}
		merged.Warned = merged.Warned || m.Warned
		for _, c := range m.Shard {
			if j, ok := covered[c]; ok {
				return nil, mergeErr(shards[i], "give each city to one shard only", "city %s is in two shards: this one and %s", c, shards[j])
			}
			covered[c] = i
		}
		for grp, g := range m.Groups {
			if prev, ok := merged.Groups[grp]; ok {
				if grp != "" || !sameGroup(prev, g) {
					return nil, mergeErr(shards[i], "build every shard from the same files", "this shard and %s hold different pages of %q", shards[owner[grp]], grp)
				}
				continue
			}
			merged.Groups[grp] = g
			owner[grp] = i
		}
	}
	var missing []string
	for grp := range first.Inputs {
		if _, ok := covered[grp]; !ok && grp != "" && merged.Groups[grp] == nil {
			missing = append(missing, grp)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, mergeErr("--out", "build every -shard I/N from 1/N to N/N and merge them all", "no shard holds the cities %s", strings.Join(missing, ", "))
	}
	if err := checkMergedLinks(merged); err != nil {
		return nil, err
	}
	if parent := filepath.Dir(filepath.Clean(out)); isDir(parent) {
		unlock, err := flock.Dir(parent)
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", parent, err)
		}
		defer unlock()
	}
	if err := checkOutput(&Options{Out: out}); err != nil {
		return nil, err
	}
	tmp, err := newTemp(out)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	res := &Result{start: start}
	var dirs folders
	for _, grp := range slices.Sorted(maps.Keys(merged.Groups)) {
		g := merged.Groups[grp]
		files := make(map[string]fileRec, len(g.Files))
		for _, p := range slices.Sorted(maps.Keys(g.Files)) {
			want := g.Files[p]
			b, err := os.ReadFile(filepath.Join(shards[owner[grp]], filepath.FromSlash(p)))
			if err != nil {
				return nil, err
			}
			if fileHash(b) != want.Hash {
				return nil, mergeErr(filepath.Join(shards[owner[grp]], p), "build that shard again", "this file changed since its shard was built")
			}
			dst := filepath.Join(tmp, filepath.FromSlash(p))
			if err := dirs.ensure(filepath.Dir(dst)); err != nil {
				return nil, err
			}
			mtime, err := writeFile(dst, b)
			if err != nil {
				return nil, err
			}
			want.MTime = mtime
			files[p] = want
			res.Files++
			res.Bytes += want.Size
			if strings.HasSuffix(p, ".html") {
				res.Pages++
			}
		}
		merged.Groups[grp] = &group{Files: files, Links: g.Links, IDs: g.IDs}
	}
	if err := writeManifest(tmp, merged); err != nil {
		return nil, err
	}
	if err := os.Remove(filepath.Join(tmp, stagingMarker)); err != nil {
		return nil, err
	}
	if err := swap(tmp, out); err != nil {
		return nil, err
	}
	ok = true
	res.Duration = time.Since(start)
	return res, nil
}

// mergeErr is a problem with the shards given to Merge, at file.
func mergeErr(file, hint, format string, args ...any) error {
	errs := &diag.List{}
	errs.AddHint(diag.Pos{File: file}, hint, format, args...)
	return errs.Err()
}

// sameGroup reports whether two shards' records of the pages of no city
// agree (they are rendered by every shard from the same input).
func sameGroup(a, b *group) bool {
	if len(a.Files) != len(b.Files) || len(a.Links) != len(b.Links) {
		return false
	}
	for p, f := range a.Files {
		if g, ok := b.Files[p]; !ok || g.Hash != f.Hash || g.Size != f.Size {
			return false
		}
	}
	return true
}

// checkMergedLinks checks the links of every city's prose against the whole
// merged site: a shard cannot check links into the cities of other shards.
func checkMergedLinks(m *manifest) error {
	pages := map[string]bool{}
	ids := map[string][]string{}
	for _, g := range m.Groups {
		for p := range g.Files {
			pages[p] = true
		}
		maps.Copy(ids, g.IDs)
	}
	errs := &diag.List{}
	for _, grp := range slices.Sorted(maps.Keys(m.Groups)) {
		for _, l := range m.Groups[grp].Links {
			if !pages[l.Target] {
				errs.AddHint(l.Pos, "check the file name; links are relative to this file", "link to a page that does not exist: %s", l.Dest)
				continue
			}
			if have, known := ids[l.Target]; l.Frag != "" && known && !slices.Contains(have, l.Frag) {
				errs.AddHint(l.Pos, "link to a heading of that page by its text, for example #contact for \"## Contact\"", "link to a part of a page that does not exist: #%s", l.Frag)
			}
		}
	}
	return errs.Err()
}
