package content

// Release lets go of the page's Markdown (Src, Body and the line index,
// which holds the source too) once it has been rendered for the last time:
// a build holds the pages of every city while it renders them, and a
// national site's Markdown is about 24 MB. Rendering the page again renders
// nothing, and a position in it is its first line.
func (p *Page) Release() {
	p.Src, p.Body, p.lines = nil, nil, nil
}
