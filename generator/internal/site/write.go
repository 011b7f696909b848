package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Writing: the staging folder, the writer goroutines, the swap into the
// output folder, and the removal of files no longer produced.

// writers runs write on the files handed to it, on goroutines of their
// own: a render worker hands its page over and goes on rendering while the
// file system creates folders and files.
type writers struct {
	queue chan outFile
	wg    sync.WaitGroup
	once  sync.Once
	err   error
}

type outFile struct {
	path, grp string
	data      []byte
	free      func() // when not nil, called once data is written (see RenderTo)
}

func startWriters(n int, write func(outFile) error) *writers {
	w := &writers{queue: make(chan outFile, 64)}
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.queue {
				err := write(f)
				if f.free != nil {
					f.free()
				}
				if err != nil {
					w.once.Do(func() { w.err = err })
				}
			}
		}()
	}
	return w
}

func (w *writers) emit(p, grp string, b []byte, free func()) error {
	w.queue <- outFile{p, grp, b, free}
	return nil
}

func (w *writers) wait() error {
	close(w.queue)
	w.wg.Wait()
	if w.err != nil {
		return fmt.Errorf("writing the site: %w", w.err)
	}
	return nil
}

// folders creates each folder once: one mkdir per folder, not per file.
// Its parent is made first when missing. A folder found already there (made
// by another writer at the same moment, or left by an earlier build) must
// be a folder.
type folders struct{ made sync.Map }

func (f *folders) ensure(dir string) error {
	if _, ok := f.made.Load(dir); ok {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if parent := filepath.Dir(dir); parent != dir {
			if err = f.ensure(parent); err == nil {
				err = os.Mkdir(dir, 0o755)
			}
		}
	}
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Stat(dir); serr == nil && st.IsDir() {
			err = nil
		}
	}
	if err != nil {
		return err
	}
	f.made.Store(dir, true)
	return nil
}

// buildFull renders every page into a new folder and swaps it in.
func (s *Site) buildFull(opts Options, plan *reuse, res *Result) error {
	tmp, err := newTemp(opts.Out)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	var dirs folders
	rec := &record{}
	write := func(f outFile) error {
		dst := filepath.Join(tmp, filepath.FromSlash(f.path))
		if err := dirs.ensure(filepath.Dir(dst)); err != nil {
			return err
		}
		mtime, err := writeFile(dst, f.data)
		if err != nil {
			return err
		}
		rec.add(f.grp, f.path, fileRec{Hash: fileHash(f.data), Size: int64(len(f.data)), MTime: mtime})
		return nil
	}
	if err := s.renderInto(opts, write, nil); err != nil {
		return err
	}
	// The record marks the folder as Tebiki's output. When the inputs could
	// not be hashed, it records no inputs: the next build is full.
	m := s.manifest(plan, rec, nil)
	m.Shard = opts.Shard
	m.Dirs, m.DirsAt = statFolders(tmp, rec)
	s.recordResult(m, res)
	if err := writeManifest(tmp, m); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(tmp, stagingMarker)); err != nil {
		return err
	}
	if err := swap(tmp, opts.Out); err != nil {
		return err
	}
	ok = true
	res.Full = plan.why
	for _, files := range rec.files {
		for _, f := range files {
			res.Files++
			res.Bytes += f.Size
		}
	}
	res.Cities, res.Rendered, res.Written = len(s.Rules.Cities), len(s.Pages), res.Files
	return nil
}

// buildInPlace renders the changed cities and the top pages, stages the
// files whose bytes changed, and moves them into the output once the whole
// build has succeeded; then removes the files no longer produced.
func (s *Site) buildInPlace(opts Options, plan *reuse, res *Result) error {
	tmp, err := newTemp(opts.Out)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	old := recordLookup(plan.old)
	var dirs folders
	rec := &record{}
	var (
		mu     sync.Mutex
		staged []outFile // path and group; the data is in tmp
		fresh  []string  // the paths of those the old record does not list
	)
	write := func(f outFile) error {
		h := fileHash(f.data)
		o, known := old(f.path)
		if known && o.Hash == h && o.Size == int64(len(f.data)) {
			rec.add(f.grp, f.path, o) // unchanged: kept as it is
			return nil
		}
		dst := filepath.Join(tmp, filepath.FromSlash(f.path))
		if err := dirs.ensure(filepath.Dir(dst)); err != nil {
			return err
		}
		if _, err := writeFile(dst, f.data); err != nil {
			return err
		}
		rec.add(f.grp, f.path, fileRec{Hash: h, Size: int64(len(f.data))})
		mu.Lock()
		staged = append(staged, outFile{path: f.path, grp: f.grp})
		if !known {
			fresh = append(fresh, f.path)
		}
		mu.Unlock()
		return nil
	}
	if err := s.renderInto(opts, write, plan.old); err != nil {
		return err
	}

	// Everything succeeded: change the output. A mark first says the
	// build is under way, so that an interrupted build is followed by a
	// full one (the folder, its record still in place, is still known as
	// Tebiki's, and so are the new files it names).
	sort.Strings(fresh)
	if err := markInterrupted(opts.Out, fresh); err != nil {
		return err
	}
	var outDirs folders
	for _, sf := range staged {
		dst := filepath.Join(opts.Out, filepath.FromSlash(sf.path))
		if err := outDirs.ensure(filepath.Dir(dst)); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(sf.path)), dst); err != nil {
			return err
		}
		if testHookMove != nil {
			if err := testHookMove(sf.path); err != nil {
				return err
			}
		}
		st, err := os.Stat(dst)
		if err != nil {
			return err
		}
		f := rec.files[sf.grp][sf.path]
		f.MTime = st.ModTime().UnixNano()
		rec.files[sf.grp][sf.path] = f
	}
	var stale []string
	for grp, g := range plan.old.Groups {
		if !s.rendered(grp) {
			continue // kept as it is
		}
		for p := range g.Files {
			if _, ok := rec.files[s.groupOfPath(p)][p]; !ok {
				stale = append(stale, p)
			}
		}
	}
	removed, err := removeStale(opts.Out, stale)
	if err != nil {
		return err
	}
	m := s.manifest(plan, rec, plan.old)
	m.Dirs, m.DirsAt = plan.old.keptDirs()
	s.recordResult(m, res)
	if err := writeManifest(opts.Out, m); err != nil {
		return err
	}
	unmarkInterrupted(opts.Out)
	res.Incremental = true
	res.Cities = len(plan.dirty)
	res.Written, res.Removed = len(staged), removed
	for _, g := range m.Groups {
		for _, f := range g.Files {
			res.Files++
			res.Bytes += f.Size
		}
	}
	for _, p := range s.Pages {
		if s.rendered(groupOf(p)) {
			res.Rendered++
		}
	}
	return nil
}

// testHookMove, when set by a test, runs after each file an incremental
// build moves into the output (its slash path); an error stops the build
// there, as a crash would.
var testHookMove func(path string) error

// newTemp makes the folder a build writes into, beside out so that the
// final rename stays on one file system, and marks it as a staging folder
// (see removeLeftovers).
func newTemp(out string) (string, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, stagingPrefix(out))
	if err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return tmp, err
	}
	return tmp, markStaging(tmp)
}

// swap puts the finished folder tmp in place of out. Readers of out see the
// old site or the new one, never a mix.
func swap(tmp, out string) error {
	out = filepath.Clean(out)
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("replacing %s: %w", out, err)
		}
		markStaging(old) // so that a build killed before it is deleted, the next removes it
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("replacing %s: %w", out, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// removeStale deletes the files of old groups that this build did not
// produce, and the folders they leave empty.
func removeStale(out string, stale []string) (int, error) {
	dirs := map[string]bool{}
	n := 0
	for _, p := range stale {
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		n++
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first; a folder that still holds something stays.
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	slices.SortFunc(list, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range list {
		os.Remove(filepath.Join(out, filepath.FromSlash(d)))
	}
	return n, nil
}

// recordResult puts in the record what a build with nothing changed will
// report without loading anything (see unchanged): the pages, the changes
// scheduled after the build date (also given to res), the warnings, and the
// summary of each city (see light.go).
func (s *Site) recordResult(m *manifest, res *Result) {
	m.Pages, m.Upcoming, m.Warned = len(s.Pages), s.Upcoming(), len(res.Warnings) > 0
	res.Upcoming = m.Upcoming
	m.Warnings = recordWarnings(res.Warnings)
	m.Cities, m.Summed = s.citySums(res.Warnings)
}
