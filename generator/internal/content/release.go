package content

import "github.com/tebiki/tebiki/generator/internal/diag"

// Release lets go of the page's Markdown (Src and Body) once it has been
// rendered for the last time: a build holds the pages of every city while it
// renders them, and a national site's Markdown is about 24 MB. Positions in
// the page (Pos) stay known. Rendering the page again renders nothing.
func (p *Page) Release() {
	if p.lines == nil && p.Src != nil {
		p.lines = diag.NewLines(p.Src)
	}
	p.Src, p.Body = nil, nil
}
