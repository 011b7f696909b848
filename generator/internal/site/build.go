package site

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	html "html"
	"io/fs"
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
	"github.com/tebiki/tebiki/generator/internal/rules"
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
	// Checker is the folder of the Tebiki module whose wasm/ is compiled into
	// the interactive checker; "" builds the site without it (the static
	// question pages remain).
	Checker string
	// BaseURL, when set (https://example.org/guides/), makes the hreflang
	// alternates absolute and adds sitemap.xml. Links between pages stay
	// relative either way.
	BaseURL string
	// Date is the day to build for (YYYY-MM-DD): what is in force that day
	// is published, and later changes are announced. Default: today.
	Date string
	// ContentOnly leaves out the rule-driven question and outcome pages;
	// used to compare the Markdown pipeline with other generators.
	ContentOnly bool
	// Cities, when not nil, makes a partial build for the preview server
	// after an edit: only these cities' pages, and the pages of no city (the
	// top pages, which list every city), are rendered, and only these
	// cities' rule tests run. Everything is still loaded and checked.
	Cities []string
}

// Result summarises a build.
type Result struct {
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
	start    time.Time
}

func (r *Result) String() string {
	return fmt.Sprintf("built %d pages (%d files, %d KB) in %s", r.Pages, r.Files, r.Bytes/1024, r.Duration.Round(time.Millisecond))
}

// Build builds the site. Pages are written into a temporary folder beside
// the output as they are rendered (memory stays flat as the site grows), and
// the folder replaces the output only when everything succeeded. On any
// problem in the input it returns a *diag.Error listing every problem, and
// the output folder is left as it was.
func Build(opts Options) (*Result, error) {
	if opts.Out == "" {
		opts.Out = "public"
	}
	s, res, err := prepare(&opts)
	if err != nil {
		return nil, err
	}
	tmp, err := newTemp(opts.Out)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	var files, size atomic.Int64
	var made sync.Map // folders already created: one MkdirAll per folder, not per file
	write := func(p string, b []byte) error {
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		dir := filepath.Dir(dst)
		if _, ok := made.Load(dir); !ok {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made.Store(dir, true)
		}
		files.Add(1)
		size.Add(int64(len(b)))
		return os.WriteFile(dst, b, 0o644)
	}
	errs := &diag.List{}
	// Writers of their own: a render worker hands its page over and goes on
	// rendering while the file system creates folders and files.
	type file struct {
		path string
		data []byte
	}
	queue := make(chan file, 64)
	var (
		wwg      sync.WaitGroup
		wErrOnce sync.Once
		wErr     error
	)
	for range 2 * workers(opts) {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for f := range queue {
				if err := write(f.path, f.data); err != nil {
					wErrOnce.Do(func() { wErr = err })
				}
			}
		}()
	}
	renderErr := s.RenderTo(workers(opts), errs, func(p string, b []byte) error {
		queue <- file{p, b}
		return nil
	})
	close(queue)
	wwg.Wait()
	if renderErr != nil {
		return nil, renderErr
	}
	if wErr != nil {
		return nil, fmt.Errorf("writing the site: %w", wErr)
	}
	if s.BaseURL != "" {
		if err := write("sitemap.xml", s.Sitemap()); err != nil {
			return nil, err
		}
	}
	if err := swap(tmp, opts.Out); err != nil {
		return nil, err
	}
	ok = true
	res.Pages, res.Files, res.Bytes = len(s.Pages), int(files.Load()), size.Load()
	res.Duration = time.Since(res.start)
	return res, nil
}

func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// BuildFiles builds the site in memory and returns its files by path, for
// the preview server and tests.
func BuildFiles(opts Options) (map[string][]byte, *Result, error) {
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
	return files, res, nil
}

// prepare loads and checks the input and adds the checker: everything but
// rendering.
func prepare(opts *Options) (*Site, *Result, error) {
	res := &Result{start: time.Now()}
	if opts.Src == nil {
		opts.Src = os.DirFS(".")
	}
	if opts.Theme == "" {
		opts.Theme = "default"
	}
	errs := &diag.List{}
	date := rules.Today()
	if opts.Date != "" {
		d, ok := decide.ParseDate(opts.Date)
		if !ok {
			return nil, nil, &diag.Error{Items: []diag.Diagnostic{{Pos: diag.Pos{File: "--date"}, Msg: fmt.Sprintf("%q is not a date", opts.Date), Hint: "write it as YYYY-MM-DD"}}}
		}
		date = d
	}
	s := loadAt(opts.Src, opts.Theme, date, opts.Cities, errs)
	if opts.Cities != nil {
		kept := s.Pages[:0]
		for _, p := range s.Pages {
			if p.City == nil || slices.Contains(opts.Cities, p.City.ID) {
				kept = append(kept, p)
			}
		}
		s.Pages = kept
	}
	if opts.ContentOnly {
		kept := s.Pages[:0]
		for _, p := range s.Pages {
			if p.Node == nil && p.Kind != "staff" {
				kept = append(kept, p)
			}
		}
		s.Pages = kept
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
	err := s.RenderTo(workers, errs, func(p string, b []byte) error {
		mu.Lock()
		files[p] = b
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// RenderTo renders every page in parallel and hands each file, and the
// theme's assets, to emit as soon as it is ready; emit is called from
// several goroutines at once. The output does not depend on the order.
func (s *Site) RenderTo(workers int, errs *diag.List, emit func(path string, data []byte) error) error {
	m := minify.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	var (
		errOnce sync.Once
		ioErr   error
	)
	fail := func(err error) { errOnce.Do(func() { ioErr = err }) }
	for _, p := range sortedKeys(s.Theme.Files) {
		if err := emit(p, s.Theme.Files[p]); err != nil {
			return err
		}
	}
	jobs := make(chan *Page)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				b, err := s.renderPage(p, m, errs)
				if err != nil {
					if pos, msg, ok := s.Theme.ExecError(err); ok {
						errs.Add(pos, "%s", msg) // the same for every page: reported once
					} else {
						errs.Add(diag.Pos{File: s.Theme.Dir + "/layouts/" + p.Kind + ".html"}, "rendering %s: %v", p.Path, err)
					}
					continue
				}
				if p.Content != nil {
					s.frags.ids(p.Path, b)
				}
				if err := emit(p.Path, b); err != nil {
					fail(err)
				}
			}
		}()
	}
	for _, p := range s.Pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	s.frags.check(errs)
	if err := errs.Err(); err != nil {
		return err
	}
	if ioErr != nil {
		return fmt.Errorf("writing the site: %w", ioErr)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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
			Fragment: func(key, frag string, pos diag.Pos) {
				target, _ := s.Resolve(key, p.Lang)
				s.frags.add(fragLink{target: target, frag: frag, pos: pos})
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
// final rename stays on one file system.
func newTemp(out string) (string, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return "", err
	}
	return tmp, os.Chmod(tmp, 0o755)
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

// AddChecker compiles (or takes from the cache) the WebAssembly checker and
// adds it, its loader and its file:// fallback to the site's assets.
func (s *Site) AddChecker(root string) error {
	out, err := wasmbuild.Build(root)
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

// fragments checks links to parts of pages (page.md#part) once every page
// is rendered: the part must be an element id on the target page.
type fragments struct {
	mu    sync.Mutex
	links []fragLink
	pages map[string]map[string]bool // page path -> ids
}

type fragLink struct {
	target, frag string
	pos          diag.Pos
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

func (f *fragments) check(errs *diag.List) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.links {
		if ids, ok := f.pages[l.target]; ok && !ids[l.frag] {
			errs.AddHint(l.pos, "link to a heading of that page by its text, for example #contact for \"## Contact\"", "link to a part of a page that does not exist: #%s", l.frag)
		}
	}
	f.links = nil
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
