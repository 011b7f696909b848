package bench

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"

	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Benchmarks of the build's stages on the sample site (the repository's
// content/, rules/ and themes/), without the interactive checker:
//
//	go test ./generator/internal/bench -run '^$' -bench . -benchmem
//
// BenchmarkBuild also runs on a generated project of 100 cities.

var benchDate = decide.Date{Y: 2026, M: 11, D: 22}

func sampleFS(b *testing.B) fs.FS {
	b.Helper()
	root, err := FindRoot("")
	if err != nil {
		b.Fatal(err)
	}
	return os.DirFS(root)
}

func loadSample(b *testing.B) *site.Site {
	b.Helper()
	errs := &diag.List{}
	s := site.LoadAt(sampleFS(b), "default", benchDate, errs)
	if err := errs.Err(); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkLoad reads and checks rules, rule tests, content and theme (with
// its esbuild bundle), and plans the pages.
func BenchmarkLoad(b *testing.B) {
	fsys := sampleFS(b)
	for b.Loop() {
		errs := &diag.List{}
		site.LoadAt(fsys, "default", benchDate, errs)
		if errs.Len() > 0 {
			b.Fatal(errs.Err())
		}
	}
}

// BenchmarkMarkdown renders every content page (every language) with
// goldmark, links resolved as the build does.
func BenchmarkMarkdown(b *testing.B) {
	s := loadSample(b)
	md := content.NewRenderer()
	var pages []*site.Page
	for _, p := range s.Pages {
		if p.Content != nil {
			pages = append(pages, p)
		}
	}
	n := 0
	for b.Loop() {
		errs := &diag.List{}
		for _, p := range pages {
			n += len(md.Render(p.Content, func(key string) (string, bool) {
				target, ok := s.Resolve(key, p.Lang)
				if !ok {
					return "", false
				}
				return site.Rel(p.Path, target), true
			}, errs))
		}
		if errs.Len() > 0 {
			b.Fatal(errs.Err())
		}
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}

// BenchmarkTemplates renders every page of the site on one worker. The site
// package does not expose its layout step on its own, so this is
// Site.Render: layouts plus the Markdown of content pages. "layouts
// minified once" is the build (layouts minified when the theme loads, no
// pass over each page); "each page minified" renders from the layouts as
// written and minifies every page, as the build did before.
func BenchmarkTemplates(b *testing.B) {
	for _, c := range []struct {
		name  string
		plain bool
	}{{"layouts minified once", false}, {"each page minified", true}} {
		b.Run(c.name, func(b *testing.B) {
			s := loadSample(b)
			if c.plain {
				s.Theme.UsePlainLayouts()
			}
			for b.Loop() {
				if _, err := s.Render(1, &diag.List{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(s.Pages)), "pages/op")
		})
	}
}

// BenchmarkMinify minifies every page with the settings the build used for
// each page before its layouts were minified once (it no longer minifies
// pages). Its input is the rendered site, made from minified layouts, so
// this is a lower bound of what that pass cost.
func BenchmarkMinify(b *testing.B) {
	s := loadSample(b)
	files, err := s.Render(1, &diag.List{})
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	size := 0
	for p, f := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, f)
			size += len(f)
		}
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	b.SetBytes(int64(size))
	var out bytes.Buffer
	for b.Loop() {
		for _, p := range pages {
			out.Reset()
			if err := m.Minify("text/html", &out, bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}

// BenchmarkEvaluate decides every path of every procedure of the sample.
func BenchmarkEvaluate(b *testing.B) {
	errs := &diag.List{}
	r := rules.LoadAt(sampleFS(b), benchDate, errs)
	if err := errs.Err(); err != nil {
		b.Fatal(err)
	}
	type job struct {
		p *decide.Procedure
		a decide.Answers
	}
	var jobs []job
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			for _, path := range p.Core.Paths() {
				jobs = append(jobs, job{p.Core, path.Answers})
			}
		}
	}
	for b.Loop() {
		for _, j := range jobs {
			res, err := j.p.Decide(j.a)
			if err != nil || res.Outcome == nil {
				b.Fatalf("%v: no outcome (%v)", j.a, err)
			}
		}
	}
	b.ReportMetric(float64(len(jobs)), "paths/op")
}

// BenchmarkBuild is the whole build in memory (site.BuildFiles): the sample
// site, and a generated project of 100 cities.
func BenchmarkBuild(b *testing.B) {
	build := func(b *testing.B, fsys fs.FS) {
		pages := 0
		for b.Loop() {
			_, res, err := site.BuildFiles(site.Options{Src: fsys, Date: benchDate.String()})
			if err != nil {
				b.Fatal(err)
			}
			pages = res.Pages
		}
		b.ReportMetric(float64(pages), "pages/op")
	}
	b.Run("sample", func(b *testing.B) { build(b, sampleFS(b)) })
	b.Run("cities=100", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "site")
		if err := GenerateSite(dir, 100, 1); err != nil {
			b.Fatal(err)
		}
		build(b, os.DirFS(dir))
	})
}
