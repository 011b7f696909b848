package site

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/flock"
	"github.com/tebiki/tebiki/generator/internal/theme"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
	"github.com/tebiki/tebiki/wasm/decide"
)

// The pipeline, in the order it runs: build.go (entry points: load, check,
// choose a full or incremental build), plan.go (what pages exist), render.go
// (templates and minify, in parallel), links.go (links between pages),
// write.go (staging folder, writers, swap), record.go (the build record)
// and incremental.go (what the record lets the next build skip).

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
	// checked, unless Previous gives the other cities. Build ignores it: it
	// finds the changed cities itself.
	Cities []string
	// scan is the earlier output as checkOutput finds it, for planReuse.
	scan *outputScan
	// listing is the listing of the inputs Build begins first, for
	// planReuse.
	listing *inputListing
	// Shard, when not nil, makes Build write one part of a site built in
	// parts: these cities' pages and the pages of no city, with a record
	// that Merge combines with the other parts' (see ShardCities).
	Shard []string
	// Progress, when not nil, is told how a Build goes: each stage as it
	// starts, and while rendering, every page done (from several
	// goroutines at once).
	Progress Progress
	// Loaded, when not nil, is called by Build once everything is loaded
	// and what only loading needed (the cache of parsed YAML) is let go,
	// before anything is rendered: the command collects the heap there
	// when it is small (see settleHeap in cmd/tebiki).
	Loaded func()
	// Previous, for BuildFiles with Cities, is the result of the last
	// BuildFiles of the same project and options (the preview server): the
	// other cities are taken from it as they were, not loaded again.
	Previous *Result
	// kept are the cities not loaded again (light.go); summarize makes
	// the build summarise every city for its record.
	kept      *keptCities
	summarize bool
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
	Cities      int // cities rendered again
	// Loaded counts the cities whose rules and content were read; an
	// incremental build takes the others from the record (see light.go).
	Loaded int
	// TopKept is set when an incremental build kept the pages of no city
	// as they were: nothing they show changed.
	TopKept  bool
	Rendered int    // pages rendered
	Written  int    // files written
	Removed  int    // files removed
	Full     string // why the build was not incremental, if it was not
	// Warnings were shown, but did not stop the build.
	Warnings []diag.Diagnostic
	// Unchanged is set when nothing changed since the last build into the
	// same folder: nothing was loaded, rendered or written.
	Unchanged bool
	// Date is the day built for; Upcoming, the changes scheduled after it.
	Date     decide.Date
	Upcoming []Upcoming
	start    time.Time
	site     *Site // what BuildFiles built, for Options.Previous
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
	// The inputs are listed while the record of the last build is read.
	// The check of the output's files goes on while the build plans, loads
	// and renders; nothing is changed before it has found that the build
	// may go on (settle).
	opts.listing = startInputListing(opts.Src, path.Join("themes", opts.Theme))
	defer opts.listing.wait()
	if err := startCheckOutput(&opts); err != nil {
		return nil, err
	}
	defer opts.scan.refusal(&opts) // not left running once Build returns
	opts.Cities = nil              // Build decides what to render itself
	opts.Progress.report(StageLoading, 0, 0)
	plan := planReuse(&opts, date)
	settled := false
	settle := func() error {
		if settled {
			return nil
		}
		if err := opts.scan.refusal(&opts); err != nil {
			return err
		}
		if plan.distrust(&opts) {
			opts.Cities = nil // every city's rule tests, as a full build from the start
		}
		removeLeftovers(opts.Out)
		settled = true
		return nil
	}
	if plan.dirty != nil && len(plan.dirty) == 0 { // nothing changed, maybe
		if err := settle(); err != nil {
			return nil, err
		}
	}
	if res := plan.unchanged(&opts, date); res != nil {
		plan.refreshInputs(opts.Out)
		res.Duration = time.Since(start)
		return res, nil
	}
	if plan.old != nil {
		if err := plan.old.complete(); err != nil {
			plan.old, plan.dirty, plan.why = nil, nil, err.Error()
		}
	}
	if plan.dirty != nil {
		opts.Cities = plan.dirty
		opts.kept = keptFromRecord(&opts, plan)
	}
	// A build that reads a few cities parses their files sooner than it
	// would read the cache of parsed YAML, and leaves that cache whole for
	// the next full build.
	cachesReady, saveCaches := startCaches(opts.kept == nil, opts.SrcDir)
	defer cachesReady() // a build stopped by a problem leaves no cache still loading
	if opts.Shard != nil {
		plan.dirty, plan.why = nil, "a shard is built whole"
		opts.Cities = opts.Shard
	}
	opts.summarize = true
	src := opts.Src
	if plan.pending != nil {
		opts.Src = plan.pending.tap(src) // read once, to load and to hash
	}
	s, res, err := prepare(&opts)
	opts.Src = src
	if err != nil {
		if refused := opts.scan.refusal(&opts); refused != nil {
			return nil, refused
		}
		return nil, err
	}
	if err := settle(); err != nil {
		return nil, err
	}
	if plan.pending != nil {
		plan.finishInputs(&opts, plan.pending)
	}
	cachesReady() // before anything is rendered (topUnchanged renders)
	parsedAll()
	if opts.Loaded != nil {
		opts.Loaded()
	}
	res.start = start
	s.progress = opts.Progress
	if plan.dirty != nil {
		switch {
		case !maps.Equal(plan.old.Assets, s.Theme.Assets):
			plan.why = "the theme's assets changed"
		case len(plan.dirty) > len(s.Rules.Cities)/2:
			plan.why = "more than half the cities changed"
		}
		if plan.why != "" {
			plan.dirty, s.only = nil, nil
		}
	}
	if plan.dirty != nil && opts.kept != nil {
		s.topKept = s.topUnchanged(plan)
		res.TopKept = s.topKept
	}
	if plan.dirty == nil && opts.kept != nil {
		// A full build after all: every city is loaded.
		opts.kept = nil
		if s, res, err = prepare(&opts); err != nil {
			return nil, err
		}
		res.start = start
		s.progress = opts.Progress
		s.only = nil
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
	res.Date = s.Date // and res.Upcoming, as recorded by buildFull or buildInPlace
	res.Duration = time.Since(res.start)
	saveCaches()
	return res, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
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
	if opts.Cities != nil && opts.Previous != nil {
		if date, err := buildDate(&opts); err == nil {
			opts.kept = keptFromSite(opts.Previous.site, opts.Cities, date)
		}
	}
	cachesReady, saveCaches := startCaches(opts.kept == nil, opts.SrcDir) // see Build
	cachesReady()
	s, res, err := prepare(&opts)
	if err != nil {
		return nil, nil, err
	}
	res.site = s
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
	saveCaches()
	return files, res, nil
}

func defaults(opts *Options) {
	if opts.Src == nil {
		opts.Src = os.DirFS(".")
	}
	opts.Src = onDisk(opts.Src)
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
	s := loadAt(opts.Src, opts.Theme, date, opts.Cities, opts.kept, opts.ContentOnly, errs)
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
	for _, c := range s.Rules.Cities {
		if !s.kept.has(c.ID) {
			res.Loaded++
		}
	}
	if opts.summarize {
		s.summarizeAll()
	}
	if opts.Checker != "" {
		if err := s.AddChecker(opts.Checker); err != nil {
			return nil, nil, err
		}
	}
	return s, res, nil
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
