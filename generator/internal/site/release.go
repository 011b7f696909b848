package site

// A build renders each page once, then writes the record and the sitemap,
// which read the pages' paths only. What only a page's rendering needs is
// let go as soon as the page is rendered, so that the heap does not hold
// every flow step's decision and every page's Markdown until the last page
// (at national size the live heap grows while the pages render, and peaks
// at the end): the flow step (Node, with its decide.Result; the page in
// the other languages keeps its own reference until it is rendered too) and
// the content page's Markdown (content.Page.Release). Positions in a page
// are not asked for after its rendering: the links' are taken while it
// renders.
//
// Only builds into an output folder do this (renderInto sets Site.release);
// Site.Render, which tests and `tebiki check` call, keeps the site whole.

// released lets go of what only the rendering of p needed.
func (s *Site) released(p *Page) {
	p.Node = nil
	if p.Content != nil {
		p.Content.Release()
	}
}
