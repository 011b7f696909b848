package site

import (
	"bytes"
	html "html"
	"slices"
	"strings"
	"sync"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Links between pages and to parts of pages, checked once every page is
// rendered.

// fragments collects the links between pages found while rendering, and
// the element ids of content pages, to check links to parts of pages
// (page.md#part) once every page is rendered: the part must be an element
// id on the target page. An incremental build also checks the links of the
// pages it keeps from the previous build.
type fragments struct {
	mu    sync.Mutex
	links []fragLink
	// pages maps a content page's path to its ids, sorted, each once (as
	// the record keeps them; a map of ids took about 1 KB a page).
	pages map[string][]string
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
	ids := idAttrs(page)
	for i, id := range ids {
		ids[i] = html.UnescapeString(id)
	}
	slices.Sort(ids)
	ids = slices.Clip(slices.Compact(ids))
	if ids == nil {
		ids = []string{} // the record writes [] for a page without ids
	}
	f.mu.Lock()
	if f.pages == nil {
		f.pages = map[string][]string{}
	}
	f.pages[path] = ids
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
			_, has := slices.BinarySearch(ids, id)
			return has, true
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
			if _, ok := s.groups[l.Target]; !ok {
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
			for _, lang := range s.Langs() {
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
// expression: it runs over every content page.) The ids share one string:
// two allocations a page, not one an id (a content page has two dozen).
func idAttrs(page []byte) []string {
	var buf [64][2]int
	spans := buf[:0] // of the ids in page
	n := 0           // their bytes
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte(`id="`))
		if j < 0 {
			break
		}
		start := i + j + len(`id="`)
		i = start
		if k := start - len(`id="`) - 1; k < 0 || !isSpace(page[k]) {
			continue
		}
		end := bytes.IndexByte(page[start:], '"')
		if end < 0 {
			break
		}
		spans = append(spans, [2]int{start, start + end})
		n += end
		i = start + end + 1
	}
	if len(spans) == 0 {
		return nil
	}
	var b strings.Builder
	b.Grow(n)
	for _, sp := range spans {
		b.Write(page[sp[0]:sp[1]])
	}
	all := b.String()
	ids := make([]string, len(spans))
	for i, sp := range spans {
		ids[i], all = all[:sp[1]-sp[0]], all[sp[1]-sp[0]:]
	}
	return ids
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
