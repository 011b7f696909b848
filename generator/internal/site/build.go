package site

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	html "html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"

	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/flock"
	"github.com/tebiki/tebiki/generator/internal/theme"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Options configure a build. The zero value builds ./ into ./public with the
// default theme.
type Options struct {
	Src     fs.FS  // the project: content/, rules/, themes/; default os.DirFS(".")
	Out     string // output folder; default "public"
	Theme   string // theme name; default "default"
	Workers int    // parallel renderers; default GOMAXPROCS
	// Checker is where the interactive checker comes from: EmbeddedChecker
	// for the one carried inside Tebiki (no Go toolchain needed), or the
	// folder of a Tebiki module whose wasm/ is compiled (development); ""
	// builds the site without it (the static question pages remain).
	Checker string
	// BaseURL, when set (https://example.org/guides/), makes the hreflang
	// alternates absolute and adds sitemap.xml. Links between pages stay
	// relative either way.
	BaseURL string
	// Date is the day to build for (YYYY-MM-DD): what is in force that day
	// is published, and later changes are announced. Default: today.
	Date string
	// Now is the clock that says which day "today" is, in the site's time
	// zone (tebiki.yaml), when Date is empty; default time.Now.
	Now func() time.Time
	// SrcDir is the project folder on disk that Src reads, when it is one:
	// Build refuses an output folder that is, lies inside or holds it (or
	// its content/, rules/ or themes/). See checkOutput.
	SrcDir string
	// Force lets Build replace an output folder that is neither empty nor
	// a previous build's output. The project's sources are never replaced.
	Force bool
	// ContentOnly leaves out the rule-driven question and outcome pages;
	// used to compare the Markdown pipeline with other generators.
	ContentOnly bool
	// Cities, when not nil, makes BuildFiles a partial build for the
	// preview server after an edit: only these cities' pages, and the pages
	// of no city (the top pages, which list every city), are rendered, and
	// only these cities' rule tests run. Everything is still loaded and
	// checked. Build ignores it: it finds the changed cities itself.
	Cities []string
	// Shard, when not nil, makes Build write one part of a site built in
	// parts: these cities' pages and the pages of no city, with a record
	// that Merge combines with the other parts' (see ShardCities).
	Shard []string
	// Progress, when not nil, is told how a Build goes: each stage as it
	// starts, and while rendering, every page done (from several
	// goroutines at once).
	Progress Progress
}

// Result summarises a build.
type Result struct {
	Pages    int   // pages of the site
	Files    int   // files in the output folder
	Bytes    int64 // their size
	Duration time.Duration
	// An incremental build (see ManifestName) renders only the changed
	// cities and the top pages, and writes only the files that changed.
	Incremental bool
	Cities      int    // cities rendered again
	Rendered    int    // pages rendered
	Written     int    // files written
	Removed     int    // files removed
	Full        string // why the build was not incremental, if it was not
	// Warnings were shown, but did not stop the build.
	Warnings []diag.Diagnostic
	// Date is the day built for; Upcoming, the changes scheduled after it.
	Date     decide.Date
	Upcoming []Upcoming
	start    time.Time
}

func (r *Result) String() string { return r.Text().String() }

// Build builds the site into opts.Out. On any problem in the input it
// returns a *diag.Error listing every problem, and the output folder is left
// as it was. An output folder it may not replace (see checkOutput) gives a
// *RefusedError, before anything is read or written.
//
// A full build writes pages into a temporary folder beside the output as
// they are rendered (memory stays flat as the site grows), and the folder
// replaces the output only when everything succeeded. When the output holds
// a previous build and only some cities changed, the build is incremental
// (see ManifestName): it renders those cities, stages the files that
// changed, and moves them into the output once everything succeeded.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Out == "" {
		opts.Out = "public"
	}
	defaults(&opts)
	date, err := buildDate(&opts)
	if err != nil {
		return nil, err
	}
	// Builds into the same folder wait for each other: an incremental
	// build changes the folder in place, and its record must match it.
	if parent := filepath.Dir(filepath.Clean(opts.Out)); isDir(parent) {
		unlock, err := flock.Dir(parent)
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", parent, err)
		}
		defer unlock()
	}
	if err := checkOutput(&opts); err != nil {
		return nil, err
	}
	removeLeftovers(opts.Out)
	savePhrases := startPhrases()
	opts.Cities = nil // Build decides what to render itself
	opts.Progress.report(StageLoading, 0, 0)
	plan := planReuse(&opts, date)
	if plan.dirty != nil {
		opts.Cities = plan.dirty
	}
	if opts.Shard != nil {
		plan.dirty, plan.why = nil, "a shard is built whole"
		opts.Cities = opts.Shard
	}
	s, res, err := prepare(&opts)
	if err != nil {
		return nil, err
	}
	res.start = start
	s.progress = opts.Progress
	if plan.dirty != nil {
		switch cross := s.crossCity(); {
		case !maps.Equal(plan.old.Assets, s.Theme.Assets):
			plan.why = "the theme's assets changed"
		case cross != "":
			plan.why = "the theme's " + cross + ", so city pages depend on other cities"
		case len(plan.dirty) > len(s.Rules.Cities)/2:
			plan.why = "more than half the cities changed"
		}
		if plan.why != "" {
			plan.dirty, s.only = nil, nil
		}
	}
	if plan.dirty != nil {
		err = s.buildInPlace(opts, plan, res)
	} else {
		err = s.buildFull(opts, plan, res)
	}
	if err != nil {
		return nil, err
	}
	res.Pages = len(s.Pages)
	res.Date, res.Upcoming = s.Date, s.Upcoming()
	res.Duration = time.Since(res.start)
	savePhrases()
	return res, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

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
}

func startWriters(n int, write func(outFile) error) *writers {
	w := &writers{queue: make(chan outFile, 64)}
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.queue {
				if err := write(f); err != nil {
					w.once.Do(func() { w.err = err })
				}
			}
		}()
	}
	return w
}

func (w *writers) emit(p, grp string, b []byte) error {
	w.queue <- outFile{p, grp, b}
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

// folders creates each folder once: one MkdirAll per folder, not per file.
type folders struct{ made sync.Map }

func (f *folders) ensure(dir string) error {
	if _, ok := f.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f.made.Store(dir, true)
	return nil
}

// writeFile writes b to name and returns the file's modification time.
func writeFile(name string, b []byte) (int64, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	_, err = f.Write(b)
	var st os.FileInfo
	if err == nil {
		st, err = f.Stat()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		return 0, err
	}
	return st.ModTime().UnixNano(), nil
}

// renderInto renders the site (see RenderTo) and hands every file, and the
// sitemap, to write on writer goroutines.
func (s *Site) renderInto(opts Options, write func(outFile) error, old *manifest) error {
	w := startWriters(2*workers(opts), write)
	err := s.RenderTo(workers(opts), &diag.List{}, w.emit, old)
	if werr := w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	if s.BaseURL != "" {
		return write(outFile{"sitemap.xml", "", s.Sitemap()})
	}
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
	old := map[string]fileRec{}
	for _, g := range plan.old.Groups {
		maps.Copy(old, g.Files)
	}
	var dirs folders
	rec := &record{}
	var (
		mu     sync.Mutex
		staged []outFile // path and group; the data is in tmp
	)
	write := func(f outFile) error {
		h := fileHash(f.data)
		if o, ok := old[f.path]; ok && o.Hash == h && o.Size == int64(len(f.data)) {
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
		mu.Unlock()
		return nil
	}
	if err := s.renderInto(opts, write, plan.old); err != nil {
		return err
	}

	// Everything succeeded: change the output. Its record first says the
	// build is under way, so that an interrupted build is followed by a
	// full one (and the folder is still known as Tebiki's).
	interrupted := *plan.old
	interrupted.Interrupted = true
	if err := writeManifest(opts.Out, &interrupted); err != nil {
		return err
	}
	var outDirs folders
	for _, sf := range staged {
		if testHookMove != nil {
			if err := testHookMove(); err != nil {
				return err
			}
		}
		dst := filepath.Join(opts.Out, filepath.FromSlash(sf.path))
		if err := outDirs.ensure(filepath.Dir(dst)); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(sf.path)), dst); err != nil {
			return err
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
	if err := writeManifest(opts.Out, m); err != nil {
		return err
	}
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

// testHookMove, when set by a test, runs before each file an incremental
// build moves into the output; an error stops the build there, as a crash
// would.
var testHookMove func() error

// rendered reports whether this build renders the pages of group grp.
func (s *Site) rendered(grp string) bool { return grp == "" || s.only == nil || s.only[grp] }

// groupOfPath returns the group of an output path: the city of its page, or "".
func (s *Site) groupOfPath(p string) string {
	s.pathsOnce.Do(s.index)
	return s.groups[p]
}

// manifest records this build; with old, the groups not rendered this time
// are kept from it.
func (s *Site) manifest(plan *reuse, rec *record, old *manifest) *manifest {
	m := &manifest{Version: manifestVersion, Global: plan.global, Date: plan.date, Assets: s.Theme.Assets, Groups: map[string]*group{}}
	if plan.in != nil {
		m.Inputs = plan.in.groups
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
		list := make([]string, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		sort.Strings(list)
		g.IDs[p] = list
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
	}
	return m
}

func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// BuildFiles builds the site in memory and returns its files by path, for
// the preview server and tests. With opts.Cities, only those cities' pages
// and the pages of no city are rendered.
func BuildFiles(opts Options) (map[string][]byte, *Result, error) {
	defaults(&opts)
	savePhrases := startPhrases()
	s, res, err := prepare(&opts)
	if err != nil {
		return nil, nil, err
	}
	files, err := s.Render(workers(opts), &diag.List{})
	if err != nil {
		return nil, nil, err
	}
	if s.BaseURL != "" {
		files["sitemap.xml"] = s.Sitemap()
	}
	res.Pages, res.Files = len(s.Pages), len(files)
	for _, b := range files {
		res.Bytes += int64(len(b))
	}
	res.Duration = time.Since(res.start)
	savePhrases()
	return files, res, nil
}

func defaults(opts *Options) {
	if opts.Src == nil {
		opts.Src = os.DirFS(".")
	}
	if opts.Theme == "" {
		opts.Theme = "default"
	}
}

// buildDate parses the -date option; "" is today in the site's time zone
// (problems in tebiki.yaml are reported when the site is loaded).
func buildDate(opts *Options) (decide.Date, error) {
	s := opts.Date
	if s == "" {
		return Today(opts.Src, opts.Now), nil
	}
	d, ok := decide.ParseDate(s)
	if !ok {
		return d, &diag.Error{Items: []diag.Diagnostic{{Pos: diag.Pos{File: "--date"}, Msg: diag.T("%q is not a date", s), Hint: diag.T("write it as YYYY-MM-DD")}}}
	}
	return d, nil
}

// prepare loads and checks the input and adds the checker: everything but
// rendering.
func prepare(opts *Options) (*Site, *Result, error) {
	res := &Result{start: time.Now()}
	defaults(opts)
	date, err := buildDate(opts)
	if err != nil {
		return nil, nil, err
	}
	errs := &diag.List{}
	s := loadAt(opts.Src, opts.Theme, date, opts.Cities, errs)
	if opts.ContentOnly {
		kept := s.Pages[:0]
		for _, p := range s.Pages {
			if p.Node == nil && p.Kind != "staff" {
				kept = append(kept, p)
			}
		}
		s.Pages = kept
	}
	if opts.Cities != nil {
		s.only = map[string]bool{}
		for _, c := range opts.Cities {
			s.only[c] = true
		}
	}
	if opts.Shard != nil {
		s.checkShard(opts.Shard, errs)
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.AddHint(diag.Pos{File: "--base-url"}, "give the address where public/ will be published, such as https://www.city.example.jp/tebiki/", "%q is not an absolute http(s) URL", opts.BaseURL)
		}
		s.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	if errs.Len() > 0 {
		s.CheckContent(errs) // so one run lists the content's problems too
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	res.Warnings = errs.Warnings()
	if opts.Checker != "" {
		if err := s.AddChecker(opts.Checker); err != nil {
			return nil, nil, err
		}
	}
	return s, res, nil
}

// Render renders every page and returns the site's files by path.
func (s *Site) Render(workers int, errs *diag.List) (map[string][]byte, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	err := s.RenderTo(workers, errs, func(p, _ string, b []byte) error {
		mu.Lock()
		files[p] = b
		mu.Unlock()
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	return files, nil
}

// RenderTo renders every page in parallel (of the build's cities only, in a
// partial build) and hands each file, and the theme's assets, to emit as
// soon as it is ready, with its group (its page's city, or ""); emit is
// called from several goroutines at once. The output does not depend on the
// order. old, when not nil, is the record of the previous build, whose
// pages not rendered now are kept: links into them, and their links, are
// checked against the new site.
func (s *Site) RenderTo(workers int, errs *diag.List, emit func(path, group string, data []byte) error, old *manifest) error {
	m := minify.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	var (
		errOnce sync.Once
		ioErr   error
	)
	fail := func(err error) { errOnce.Do(func() { ioErr = err }) }
	for _, p := range slices.Sorted(maps.Keys(s.Theme.Files)) {
		if err := emit(p, "", s.Theme.Files[p]); err != nil {
			return err
		}
	}
	jobs := make(chan *Page)
	var wg sync.WaitGroup
	pages := s.toRender()
	var done atomic.Int64
	s.progress.report(StageRendering, 0, len(pages))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				b, err := s.renderPage(p, m, errs)
				if err != nil {
					if pos, msg, ok := s.Theme.ExecError(err); ok {
						errs.Report(diag.Diagnostic{Pos: pos, Msg: msg}) // the same for every page: reported once
					} else {
						errs.Add(diag.Pos{File: s.Theme.Dir + "/layouts/" + p.Kind + ".html"}, "rendering %s: %v", p.Path, err)
					}
					continue
				}
				if p.Content != nil {
					s.frags.ids(p.Path, b)
				}
				if err := emit(p.Path, groupOf(p), b); err != nil {
					fail(err)
				}
				s.progress.report(StageRendering, int(done.Add(1)), len(pages))
			}
		}()
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	s.progress.report(StageFinishing, len(pages), len(pages))
	s.frags.check(errs, s, old)
	if err := errs.Err(); err != nil {
		return err
	}
	if ioErr != nil {
		return fmt.Errorf("writing the site: %w", ioErr)
	}
	return nil
}

func (s *Site) renderPage(p *Page, m *minify.M, errs *diag.List) ([]byte, error) {
	v := &View{Kind: p.Kind, Lang: p.Lang, Path: p.Path, Content: p.Content, City: p.City, Proc: p.Proc, Node: p.Node, Alternates: p.Alternates,
		Site: s, Langs: content.Langs, assets: s.Theme.Assets}
	if p.Kind == "staff" {
		v.Title = p.City.Name.In(p.Lang) + " · " + p.Proc.Core.Title.In(p.Lang)
	}
	if p.Node != nil {
		if r := p.Node.Result; r.Next != nil {
			v.Title = r.Next.Text.In(p.Lang)
		} else {
			v.Title = r.Outcome.Title.In(p.Lang)
		}
	}
	if p.Content != nil {
		v.Title = p.Content.Title
		v.Body = s.md.RenderWith(p.Content, content.Links{
			Resolve: func(key string) (string, bool) {
				target, ok := s.Resolve(key, p.Lang)
				if !ok {
					return "", false
				}
				return Rel(p.Path, target), true
			},
			Linked: func(key, frag, dest string, pos diag.Pos) {
				target, _ := s.Resolve(key, p.Lang)
				s.frags.add(fragLink{from: p.Path, target: target, frag: frag, dest: dest, pos: pos})
			},
			Reserved: s.Theme.ReservedIDs(p.Kind),
		}, errs)
	}
	raw, err := s.Theme.Render(p.Kind, v)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := m.Minify("text/html", &out, bytes.NewReader(raw)); err != nil {
		return nil, fmt.Errorf("minifying: %w", err)
	}
	return out.Bytes(), nil
}

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

// EmbeddedChecker, as Options.Checker, is the checker carried inside Tebiki.
const EmbeddedChecker = "<embedded>"

// AddChecker adds the WebAssembly checker, its loader and its file://
// fallback to the site's assets: the embedded one for EmbeddedChecker, else
// compiled from the module at root (or taken from the cache).
func (s *Site) AddChecker(root string) error {
	build := wasmbuild.Build
	if root == EmbeddedChecker {
		build = func(string) (*wasmbuild.Output, error) { return wasmbuild.Embedded() }
	}
	out, err := build(root)
	if err != nil {
		return err
	}
	execJS, err := theme.MinifyJS(out.ExecJS)
	if err != nil {
		return fmt.Errorf("wasm_exec.js: %w", err)
	}
	s.Theme.AddAsset("checker.wasm", out.Wasm)
	s.Theme.AddAsset("wasm_exec.js", execJS)
	// Browsers refuse to fetch a .wasm file from disk, so pages opened from
	// file:// load the same bytes from a script.
	s.Theme.AddAsset("checker-wasm.js", []byte("globalThis.tebikiWasm=\""+base64.StdEncoding.EncodeToString(out.Wasm)+"\";\n"))
	return nil
}

// Sitemap lists every page with its language alternates, as absolute URLs.
func (s *Site) Sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlEscape(s.BaseURL+p.Path))
		for _, lang := range content.Langs {
			if alt, ok := p.Alternates[lang]; ok && p.Kind != "root" {
				fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, lang, xmlEscape(s.BaseURL+alt))
			}
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// fragments collects the links between pages found while rendering, and
// the element ids of content pages, to check links to parts of pages
// (page.md#part) once every page is rendered: the part must be an element
// id on the target page. An incremental build also checks the links of the
// pages it keeps from the previous build.
type fragments struct {
	mu    sync.Mutex
	links []fragLink
	pages map[string]map[string]bool // page path -> ids
}

type fragLink struct {
	from, target, frag string
	dest               string // as written in the Markdown
	pos                diag.Pos
}

func (f *fragments) add(l fragLink) {
	f.mu.Lock()
	f.links = append(f.links, l)
	f.mu.Unlock()
}

// ids records the element ids of a rendered content page.
func (f *fragments) ids(path string, page []byte) {
	set := map[string]bool{}
	for _, id := range idAttrs(page) {
		set[html.UnescapeString(id)] = true
	}
	f.mu.Lock()
	if f.pages == nil {
		f.pages = map[string]map[string]bool{}
	}
	f.pages[path] = set
	f.mu.Unlock()
}

// check reports links to missing parts of pages. With old, the record of
// the previous build, the ids of pages not rendered now come from it, and
// the links of those pages are checked too: their target may be gone.
func (f *fragments) check(errs *diag.List, s *Site, old *manifest) {
	s.pathsOnce.Do(s.index)
	f.mu.Lock()
	defer f.mu.Unlock()
	hasID := func(page, id string) (has, known bool) {
		if ids, ok := f.pages[page]; ok {
			return ids[id], true
		}
		if old != nil {
			if g := old.Groups[s.groupOfPath(page)]; g != nil {
				if ids, ok := g.IDs[page]; ok {
					return slices.Contains(ids, id), true
				}
			}
		}
		return false, false
	}
	missingPart := func(pos diag.Pos, frag string) {
		errs.AddHint(pos, "link to a heading of that page by its text, for example #contact for \"## Contact\"", "link to a part of a page that does not exist: #%s", frag)
	}
	for _, l := range f.links {
		if l.frag == "" {
			continue
		}
		if has, known := hasID(l.target, l.frag); known && !has {
			missingPart(l.pos, l.frag)
		}
	}
	if old == nil {
		return
	}
	for grp, g := range old.Groups {
		if s.rendered(grp) {
			continue
		}
		for _, l := range g.Links {
			if !s.paths[l.Target] {
				errs.AddHint(l.Pos, "check the file name; links are relative to this file", "link to a page that does not exist: %s", l.Dest)
				continue
			}
			if l.Frag != "" {
				if has, known := hasID(l.Target, l.Frag); known && !has {
					missingPart(l.Pos, l.Frag)
				}
			}
		}
	}
}

// CheckContent renders the Markdown of every content page, without layouts,
// to find its problems (broken links, raw HTML) when other problems stop the
// build before rendering: every problem is then reported in one run.
func (s *Site) CheckContent(errs *diag.List) {
	for _, p := range s.Pages {
		if p.Content == nil {
			continue
		}
		s.md.Render(p.Content, func(key string) (string, bool) {
			if target, ok := s.Resolve(key, p.Lang); ok {
				return target, true
			}
			for _, lang := range content.Langs {
				if s.Content.Get(key, lang) != nil {
					return "", true // its missing translation is already reported
				}
			}
			return "", false
		}, errs)
	}
}

// idAttrs returns the values of the id="..." attributes in page: every
// id=" preceded by white space, up to the next quote. (A scan, not a regular
// expression: it runs over every content page.)
func idAttrs(page []byte) []string {
	var ids []string
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte(`id="`))
		if j < 0 {
			return ids
		}
		start := i + j + len(`id="`)
		i = start
		if k := start - len(`id="`) - 1; k < 0 || !isSpace(page[k]) {
			continue
		}
		end := bytes.IndexByte(page[start:], '"')
		if end < 0 {
			return ids
		}
		ids = append(ids, string(page[start:start+end]))
		i = start + end + 1
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
