package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"

	"github.com/tebiki/tebiki/generator/internal/content"
	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Rendering: every page through its layout and the minifier, in parallel.

// renderInto renders the site (see RenderTo) and hands every file, and the
// sitemap, to write on writer goroutines.
func (s *Site) renderInto(opts Options, write func(outFile) error, old *manifest) error {
	s.release = true
	w := startWriters(2*workers(opts), write)
	err := s.RenderTo(workers(opts), &diag.List{}, w.emit, old)
	if werr := w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	if s.BaseURL != "" {
		return write(outFile{path: "sitemap.xml", data: s.Sitemap()})
	}
	return nil
}

// Render renders every page and returns the site's files by path.
func (s *Site) Render(workers int, errs *diag.List) (map[string][]byte, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	err := s.RenderTo(workers, errs, func(p, _ string, b []byte, _ func()) error {
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
// called from several goroutines at once. When emit is given a free
// function (not nil), the bytes are lent: emit (or whoever it hands them
// to) calls free once done with them, and the buffer renders another
// page; a free never called leaves the buffer to the garbage collector. The output does not depend on the
// order. old, when not nil, is the record of the previous build, whose
// pages not rendered now are kept: links into them, and their links, are
// checked against the new site.
func (s *Site) RenderTo(workers int, errs *diag.List, emit func(path, group string, data []byte, free func()) error, old *manifest) error {
	m := minify.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	var (
		errOnce sync.Once
		ioErr   error
	)
	fail := func(err error) { errOnce.Do(func() { ioErr = err }) }
	for _, p := range slices.Sorted(maps.Keys(s.Theme.Files)) {
		if err := emit(p, "", s.Theme.Files[p], nil); err != nil {
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
				b, free, err := s.renderPage(p, m, errs)
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
				if err := emit(p.Path, groupOf(p), b, free); err != nil {
					fail(err)
				}
				if s.release {
					s.released(p)
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

// view is what the layout of page p sees, but for the rendered Markdown.
func (s *Site) view(p *Page) *View {
	v := &View{Kind: p.Kind, Lang: p.Lang, Path: p.Path, Content: p.Content, City: p.City, Proc: p.Proc, Node: p.Node, alts: p.Alternates, rest: p.rest,
		National: s.Rules.National, BaseURL: s.BaseURL, site: s, assets: s.Theme.Assets,
		Language: s.Config.Find(p.Lang), Languages: s.Config.Languages, Words: s.Words(p.Lang), Langs: s.Langs()}
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
	}
	return v
}

// pageBufs holds the buffers pages are rendered into (see RenderTo): a
// national site's pages would otherwise each grow a buffer of their own,
// a fifth of all the build allocates.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage renders page p. The bytes may be in a buffer of pageBufs:
// free, when not nil, gives it back.
func (s *Site) renderPage(p *Page, m *minify.M, errs *diag.List) (page []byte, free func(), err error) {
	v := s.view(p)
	if p.Content != nil {
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
	buf := pageBufs.Get().(*bytes.Buffer)
	free = func() { pageBufs.Put(buf) }
	raw, err := s.Theme.RenderInto(buf, p.Kind, v)
	if err != nil {
		free()
		return nil, nil, err
	}
	if v.usedCities && s.checkWith != nil {
		s.checkStubs(p, v, raw)
	}
	if v.Language != nil && v.Language.Furigana {
		raw = s.addFurigana(v, raw) // new bytes
		free()
		free = nil
	}
	if s.Theme.Minified {
		return raw, free, nil // the layouts were minified when the theme loaded
	}
	var out bytes.Buffer
	err = m.Minify("text/html", &out, bytes.NewReader(raw))
	if free != nil {
		free()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("minifying: %w", err)
	}
	return out.Bytes(), nil, nil
}

// Sitemap lists every page with its language alternates, as absolute URLs.
func (s *Site) Sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlEscape(s.BaseURL+p.Path))
		for i := range s.Config.Languages {
			l := &s.Config.Languages[i]
			if alt, ok := altPathIn(l, p.Alternates, p.rest); ok && p.Kind != "root" {
				fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, l.Hreflang, xmlEscape(s.BaseURL+alt))
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
