package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/furigana"
	"github.com/tebiki/tebiki/generator/internal/par"
)

// Hashing the inputs in two steps. hashInputs lists the project's files
// and takes their status (listInputFiles), then reads and hashes those the
// last build's record does not vouch for (finish). A build that has no
// record to compare with (the first into a folder, every build into a new
// one) is full whatever the hashes say, and needs them only for the record
// it writes at the end: it reads every input to load it as well. Such a
// build hashes the files as the loading reads them, through tap, and
// finish reads only those the loading did not: each input is read once,
// not twice.

// inputList is the project's input files, each with its status, and the
// record of those read so far.
type inputList struct {
	at    int64 // when the status was taken (Unix nanoseconds), before any
	files []inputFile
	stats []fileStat
	recs  []inputRec
	read  atomic.Int64 // files read (the others were known by their status)

	mu      sync.Mutex
	todo    map[string]int // files not read yet, by path: index in files
	closed  bool           // finish has begun: tap records no more
	reading sync.WaitGroup // files taken by tap, being hashed
}

type inputFile struct{ path, grp string }

const globalInputs = "\x00global"

// inputListing is the listing of the inputs on disk, with their status
// (listInputs), begun before anything else: it does not need the record of
// the last build, which a build reads meanwhile (0.06 s at national size).
type inputListing struct {
	at     int64 // before any file's status was taken
	done   chan struct{}
	paths  []string
	stats  []fileStat
	listed bool
}

func startInputListing(fsys fs.FS, themeDir string) *inputListing {
	l := &inputListing{at: time.Now().UnixNano(), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.paths, l.stats, l.listed = listInputs(fsys, []string{"rules", "content", themeDir})
	}()
	return l
}

// wait waits for the listing to end (a nil listing has nothing to wait for).
func (l *inputListing) wait() {
	if l != nil {
		<-l.done
	}
}

// listInputFiles lists the inputs and takes their status (or takes them
// from pre, begun by startInputListing with the same fsys and themeDir);
// with old, a file whose status is as recorded there gets its record from
// it.
func listInputFiles(fsys fs.FS, themeDir string, old *manifest, pre *inputListing) (*inputList, error) {
	if pre == nil {
		pre = startInputListing(fsys, themeDir)
	}
	pre.wait()
	at := pre.at
	var known inputRecs
	var knownAt int64
	if old != nil {
		known, knownAt = old.InputFiles, old.InputsAt
	}
	var files []inputFile
	paths, stats, listed := pre.paths, pre.stats, pre.listed // on disk: with their status
	files = make([]inputFile, 0, len(paths)+2)
	for _, p := range paths {
		grp, ok := InputGroup(p)
		if !ok {
			grp = globalInputs
		}
		files = append(files, inputFile{p, grp})
	}
	for _, root := range []string{"rules", "content", themeDir} {
		if listed {
			break
		}
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir // reported by the build
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			grp, ok := InputGroup(p)
			if !ok {
				grp = globalInputs
			}
			files = append(files, inputFile{p, grp})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// The site's settings (its time zone, so its dates) concern every page.
	if _, err := fs.Stat(fsys, furigana.File); err == nil {
		files = append(files, inputFile{furigana.File, globalInputs})
	}
	if _, err := fs.Stat(fsys, config.File); err == nil {
		files = append(files, inputFile{config.File, globalInputs})
	}
	l := &inputList{at: at, files: files, recs: make([]inputRec, len(files)), stats: make([]fileStat, len(files))}
	copy(l.stats, stats)
	fresh := make([]bool, len(files))
	var firstErr error
	var mu sync.Mutex
	par.For(len(files), func(i int) {
		// The status is taken before the bytes are read: an edit in
		// between changes the status, and the next build reads the file
		// again.
		if i >= len(stats) {
			info, err := fs.Stat(fsys, files[i].path)
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				return
			}
			l.stats[i] = statOf(info)
		}
		if rec, ok := known[files[i].path]; ok && rec.trusted(l.stats[i], knownAt) {
			l.recs[i] = rec
			return
		}
		fresh[i] = true
	})
	if firstErr != nil {
		return nil, firstErr
	}
	l.todo = map[string]int{}
	for i, f := range fresh {
		if f {
			l.todo[files[i].path] = i
		}
	}
	return l, nil
}

// readBytes records the bytes b, read from the file i.
func (l *inputList) readBytes(i int, b []byte) {
	h := sha256.Sum256(b)
	st := l.stats[i]
	l.recs[i] = inputRec{Hash: hex.EncodeToString(h[:]), Size: st.size, MTime: st.mtime, Ino: st.ino, CTime: st.ctime, Dates: datesIn(b)}
	l.read.Add(1)
}

// take removes the file p from those to read and returns its index, if it
// was one of them and finish has not begun.
func (l *inputList) take(p string) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i, ok := l.todo[p]
	if ok && !l.closed {
		delete(l.todo, p)
		l.reading.Add(1)
		return i, true
	}
	return 0, false
}

// finish reads the files not read yet (nothing else may read them through
// tap afterwards) and returns the hashes.
func (l *inputList) finish(fsys fs.FS) (*inputs, error) {
	l.mu.Lock()
	l.closed = true
	todo := make([]int, 0, len(l.todo))
	for _, i := range l.todo {
		todo = append(todo, i)
	}
	l.todo = nil
	l.mu.Unlock()
	l.reading.Wait()
	var firstErr error
	var mu sync.Mutex
	par.For(len(todo), func(k int) {
		i := todo[k]
		b, err := fs.ReadFile(fsys, l.files[i].path)
		if err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
			return
		}
		l.readBytes(i, b)
	})
	if firstErr != nil {
		return nil, firstErr
	}
	return l.sum(), nil
}

// sum makes the hashes of the groups from those of their files.
func (l *inputList) sum() *inputs {
	hashers := map[string]*bytes.Buffer{}
	in := &inputs{groups: map[string]string{}, dates: map[string][]string{}, files: make(inputRecs, len(l.files)), at: l.at, read: int(l.read.Load())}
	for i, f := range l.files {
		rec := l.recs[i]
		b := hashers[f.grp]
		if b == nil {
			b = &bytes.Buffer{}
			hashers[f.grp] = b
		}
		b.WriteString(f.path)
		b.WriteByte(0)
		b.WriteString(rec.Hash)
		b.WriteByte('\n')
		in.files[f.path] = rec
		if f.grp == globalInputs {
			in.globalDates = append(in.globalDates, rec.Dates...)
		} else {
			in.dates[f.grp] = append(in.dates[f.grp], rec.Dates...)
		}
	}
	for g, b := range hashers {
		h := sha256.Sum256(b.Bytes())
		if g == globalInputs {
			in.global = hex.EncodeToString(h[:])
		} else {
			in.groups[g] = hex.EncodeToString(h[:])
		}
	}
	return in
}

// tap returns fsys, through which each input file not read yet is hashed
// as it is read (once: a file read again is not hashed again).
func (l *inputList) tap(fsys fs.FS) fs.FS { return &tapFS{fsys: fsys, l: l} }

type tapFS struct {
	fsys fs.FS
	l    *inputList
}

func (t *tapFS) Open(name string) (fs.File, error) { return t.fsys.Open(name) }

func (t *tapFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(t.fsys, name)
	if err == nil {
		if i, ok := t.l.take(name); ok {
			t.l.readBytes(i, b)
			t.l.reading.Done()
		}
	}
	return b, err
}

func (t *tapFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(t.fsys, name) }

func (t *tapFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(t.fsys, name) }
