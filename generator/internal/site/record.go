package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/par"
)

// The build record (ManifestName): what a build wrote, read back by the
// next build to decide what it can keep (see incremental.go).

// record collects the output files of a build for its manifest.
type record struct {
	mu    sync.Mutex
	files map[string]map[string]fileRec // group -> path -> file
}

func (r *record) add(grp, p string, f fileRec) {
	r.mu.Lock()
	if r.files == nil {
		r.files = map[string]map[string]fileRec{}
	}
	if r.files[grp] == nil {
		r.files[grp] = map[string]fileRec{}
	}
	r.files[grp][p] = f
	r.mu.Unlock()
}

// rendered reports whether this build renders the pages of group grp.
func (s *Site) rendered(grp string) bool {
	if grp == "" {
		return !s.topKept
	}
	return s.only == nil || s.only[grp]
}

// groupOfPath returns the group of an output path: the city of its page, or "".
func (s *Site) groupOfPath(p string) string {
	s.pathsOnce.Do(s.index)
	return s.groups[p]
}

// manifest records this build; with old, the groups not rendered this time
// are kept from it.
func (s *Site) manifest(plan *reuse, rec *record, old *manifest) *manifest {
	m := &manifest{Version: manifestVersion, Global: plan.global, Date: plan.date, Assets: s.Theme.Assets, Groups: map[string]*group{}}
	if plan.old != nil {
		m.was = plan.old.was
	}
	if plan.in != nil {
		m.Inputs = plan.in.groups
		m.InputFiles, m.InputsAt = plan.in.files, plan.in.at
	}
	for grp, files := range rec.files {
		m.Groups[grp] = &group{Files: files}
	}
	s.frags.mu.Lock()
	for _, l := range s.frags.links {
		grp := s.groupOfPath(l.from)
		g := m.Groups[grp]
		if g == nil {
			g = &group{Files: map[string]fileRec{}}
			m.Groups[grp] = g
		}
		g.Links = append(g.Links, linkRec{From: l.from, Target: l.target, Frag: l.frag, Dest: l.dest, Pos: l.pos})
	}
	for p, ids := range s.frags.pages {
		grp := s.groupOfPath(p)
		g := m.Groups[grp]
		if g.IDs == nil {
			g.IDs = map[string][]string{}
		}
		g.IDs[p] = ids // sorted, each once
	}
	s.frags.mu.Unlock()
	for _, g := range m.Groups {
		sort.Slice(g.Links, func(i, j int) bool {
			a, b := g.Links[i], g.Links[j]
			if a.From != b.From {
				return a.From < b.From
			}
			return a.Pos.Line < b.Pos.Line || (a.Pos.Line == b.Pos.Line && a.Pos.Col < b.Pos.Col)
		})
	}
	if old != nil {
		for grp, g := range old.Groups {
			if !s.rendered(grp) {
				m.Groups[grp] = g
			}
		}
		if g := old.Groups[""]; s.topKept && g != nil {
			// The top pages kept, the assets (and sitemap) written now.
			files := maps.Clone(g.Files)
			maps.Copy(files, rec.files[""])
			m.Groups[""] = &group{Files: files, Links: g.Links, IDs: g.IDs}
		}
	}
	return m
}

type manifest struct {
	Version int    `json:"version"`
	Global  string `json:"global"` // what every page depends on
	Date    string `json:"date"`   // the build date
	// Inputs hashes the files of each folder under rules/ and content/.
	Inputs map[string]string `json:"inputs"`
	// InputFiles are the input files, each with its hash and its status
	// at InputsAt (Unix nanoseconds), so that the next build reads only
	// those whose status changed (see inputstat.go).
	InputFiles inputRecs `json:"inputFiles,omitempty"`
	InputsAt   int64     `json:"inputsAt,omitempty"`
	// Assets maps the theme's asset names to their content-hashed paths.
	Assets map[string]string `json:"assets"`
	// Groups holds the outputs by city ID; "" holds the pages of no city
	// and the assets.
	Groups map[string]*group `json:"groups"`
	// Shard lists the cities of a shard build (Options.Shard); a whole
	// site has none.
	Shard []string `json:"shard,omitempty"`
	// Interrupted is set when an incremental build was moving its files
	// in (the output holds interruptMark; records written before it
	// existed say so themselves): the folder may hold a mix, and the next
	// build must be full.
	Interrupted bool `json:"interrupted,omitempty"`
	// Pending, with Interrupted, are the files the build was moving in
	// that the record does not list (pages at new paths): found in the
	// output, they are Tebiki's, not a file someone added.
	Pending []string `json:"-"`
	// What a build with nothing changed reports without loading anything
	// (see unchanged): the site's pages, the changes scheduled after the
	// build date, and whether the build warned (then it loads, to warn
	// again).
	Pages    int        `json:"pages,omitempty"`
	Upcoming []Upcoming `json:"upcoming,omitempty"`
	Warned   bool       `json:"warned,omitempty"`
	// Warnings are the warnings shown, shown again by a build with
	// nothing changed (see warnrec.go).
	Warnings []warnRec `json:"warnings,omitempty"`
	// Cities summarises every city for the builds that do not load it
	// again (see light.go): a map of city ID to citySum, read only by
	// such a build. Summed is set when the pages of no city came out the
	// same from the summaries as from the cities.
	Cities json.RawMessage `json:"cities,omitempty"`
	Summed bool            `json:"summed,omitempty"`
	// Dirs are the output's folders but the output folder itself, each
	// with its status as a check of the output that began at DirsAt (Unix
	// nanoseconds) saw it, so that the next check lists only the folders
	// whose status changed (see outdirs.go). Written by a build with
	// nothing changed or an incremental one, not by a full build.
	Dirs   dirRecs `json:"dirs,omitempty"`
	DirsAt int64   `json:"dirsAt,omitempty"`
	// scanned is what scanOutput saw of the output's folders, for
	// refreshInputs.
	scanned *folderScan
	// was is what the record this one was read from (or is made from)
	// holds in the written form, copied when written again.
	was *recordBytes
}

type group struct {
	Files fileRecs `json:"files"`
	// Links are the links from the group's prose to other pages.
	Links linkRecs `json:"links,omitempty"`
	// IDs are the element ids of each content page, for links to a part
	// of a page from pages rendered in a later build.
	IDs pageIDs `json:"ids,omitempty"`
	// Links and IDs as written in the record, not yet read (see
	// manifest.complete).
	rawLinks, rawIDs []byte
	// raw is the whole group as written in the record it was read from:
	// a record that keeps the group writes it again as it is. Nothing
	// changes a group read.
	raw []byte
}

type fileRec struct {
	Hash  string `json:"h"`
	Size  int64  `json:"s"`
	MTime int64  `json:"t"` // nanoseconds
}

type linkRec struct {
	From   string   `json:"from"`
	Target string   `json:"to"`
	Frag   string   `json:"frag,omitempty"`
	Dest   string   `json:"dest"` // as written in the Markdown
	Pos    diag.Pos `json:"pos"`
}

var (
	errNoRecord         = errors.New("no record of a previous build")
	errRecordUnreadable = errors.New("the record of the previous build is unreadable")
)

// readManifest reads the record of the build into out, whole.
func readManifest(out string) (*manifest, error) {
	m, err := readManifestLazy(out)
	if err == nil {
		err = m.complete()
	}
	return m, err
}

// readManifestLazy reads the record of the build into out but for the
// links and element ids of its groups: m.complete reads them.
func readManifestLazy(out string) (*manifest, error) {
	b, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		return nil, errNoRecord
	}
	m, err := decodeManifest(b)
	if err != nil || m.Groups == nil {
		return nil, errRecordUnreadable
	}
	readInterrupted(out, m)
	return m, nil
}

// outputScan is what scanOutput finds in an earlier build's output: read
// once per build, by checkOutput (which refuses to delete a file the build
// did not write) and by planReuse (which keeps only an untouched output).
// The check runs while the build goes on (startScan); done is closed when
// it has finished.
type outputScan struct {
	m       *manifest
	done    chan struct{}
	foreign string // the first file the record does not list
	err     error  // why the output is not as the record says; nil when it is
}

// startScan starts scanOutput(out, m).
func startScan(out string, m *manifest) *outputScan {
	sc := &outputScan{m: m, done: make(chan struct{})}
	go func() {
		defer close(sc.done)
		sc.foreign, sc.err = scanOutput(out, m)
	}()
	return sc
}

// refusal waits for the check and returns the error that refuses the
// build, if the output holds a file the last build did not write (and
// opts.Force is not set). A nil scan refuses nothing.
func (sc *outputScan) refusal(opts *Options) error {
	if sc == nil {
		return nil
	}
	<-sc.done
	if sc.foreign != "" && !opts.Force {
		return refuse("move it out of the output folder, or add -force to delete it with the old site", "the output folder %s holds %s, which the last build did not write", opts.Out, sc.foreign)
	}
	return nil
}

// differs waits for the check and returns why the output is not as its
// record says, or nil.
func (sc *outputScan) differs() error {
	<-sc.done
	return sc.err
}

// scanOutput checks that out holds exactly the files of the record m, as
// the record says (size and modification time): none was added, edited or
// deleted by hand since. It returns the first file the record does not list
// (every folder that may hold one is listed, so none is missed), and why
// the output differs from the record, if it does. What it saw of the
// folders is left in m.scanned.
func scanOutput(out string, m *manifest) (foreign string, differs error) {
	find := recordLookup(m)
	var (
		mu   sync.Mutex
		seen atomic.Int64
		bad  error
	)
	note := func(foreignFile string, err error) {
		mu.Lock()
		if foreignFile != "" && (foreign == "" || foreignFile < foreign) {
			foreign = foreignFile
		}
		if err != nil && bad == nil {
			bad = err
		}
		mu.Unlock()
	}
	w, err := walkOutput(out, m, func(rel string, size, mtime int64, err error) {
		if rel == ManifestName || rel == recordTemp || rel == stagingMarker || rel == interruptMark || rel == interruptMark+".tmp" {
			return
		}
		f, ok := find(rel)
		if !ok {
			if m.Interrupted && slices.Contains(m.Pending, rel) {
				note("", fmt.Errorf("%s was moved in by an interrupted build", rel))
				return
			}
			note(rel, fmt.Errorf("%s is not from the last build", rel))
			return
		}
		if err != nil || size != f.Size || mtime != f.MTime {
			note("", fmt.Errorf("%s changed since the last build", rel))
		}
		seen.Add(1)
	})
	defer w.close()
	note("", err)
	m.scanned = w.scan
	if err == nil && w.scan.trusted.Load() > 0 {
		// The files of the folders not listed: each as the record says.
		groups := make([]*group, 0, len(m.Groups))
		for _, g := range m.Groups {
			if g != nil {
				groups = append(groups, g)
			}
		}
		par.For(len(groups), func(i int) {
			n := 0
			var buf []byte
			for rel, f := range groups[i].Files {
				if !w.notListed(rel) {
					continue // visited by the listing of its folder
				}
				n++
				size, mtime, err := w.stat(&buf, rel)
				if err != nil || size != f.Size || mtime != f.MTime {
					note("", fmt.Errorf("%s changed since the last build", rel))
				}
			}
			seen.Add(int64(n))
		})
	}
	want := 0
	for _, g := range m.Groups {
		want += len(g.Files)
	}
	if bad == nil && seen.Load() != int64(want) {
		bad = errors.New("files of the last build are missing")
	}
	return foreign, bad
}

// recordLookup returns a function that finds an output file (a slash path)
// in the record m. It looks first in the group named by a folder of the
// path (a city's pages lie in a folder named after it), then in the pages
// of no city; only a file found in neither makes it index every group.
func recordLookup(m *manifest) func(rel string) (fileRec, bool) {
	var (
		once sync.Once
		all  map[string]fileRec
	)
	return func(rel string) (fileRec, bool) {
		// LANG/CITY/…: most files.
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			if j := strings.IndexByte(rel[i+1:], '/'); j >= 0 {
				if g := m.Groups[rel[i+1:i+1+j]]; g != nil {
					if f, ok := g.Files[rel]; ok {
						return f, true
					}
				}
			}
		}
		for dir := rel; ; {
			i := strings.LastIndexByte(dir, '/')
			if i < 0 {
				break
			}
			dir = dir[:i]
			if g := m.Groups[dir[strings.LastIndexByte(dir, '/')+1:]]; g != nil {
				if f, ok := g.Files[rel]; ok {
					return f, true
				}
			}
		}
		if g := m.Groups[""]; g != nil {
			if f, ok := g.Files[rel]; ok {
				return f, true
			}
		}
		once.Do(func() {
			all = map[string]fileRec{}
			for _, g := range m.Groups {
				maps.Copy(all, g.Files)
			}
		})
		f, ok := all[rel]
		return f, ok
	}
}

// writeManifest writes m into dir atomically.
func writeManifest(dir string, m *manifest) error {
	return writeRecord(dir, func(w io.Writer) error {
		return m.writeTo(&chunks{w: w})
	})
}

// interruptMark is the file an incremental build writes into the output
// before it moves its files in, and removes once its record is in place: a
// build that finds it must be full (see markInterrupted).
const interruptMark = ".tebiki-build.interrupted"

// recordTemp is the file a record is written into before it replaces the
// record (ManifestName): Tebiki's own, like the record, wherever a build
// stopped leaves it.
const recordTemp = ManifestName + ".tmp"

// writeRecord writes a record into dir atomically: write writes it into a
// new file, which then replaces the record.
func writeRecord(dir string, write func(io.Writer) error) error {
	return writeAtomic(dir, ManifestName, write)
}

// writeAtomic writes the file name into dir whole or not at all: write
// writes it into name+".tmp" (recordTemp for the record), which then
// replaces it.
func writeAtomic(dir, name string, write func(io.Writer) error) error {
	tmp := filepath.Join(dir, name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = write(f)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, name))
}

func fileHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}
