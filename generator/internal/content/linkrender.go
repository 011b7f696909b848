package content

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderer writes links as goldmark's HTML renderer does, without the
// copies its check for dangerous addresses makes (it lowers each prefix it
// compares into a new slice: five to seven for every link, a quarter of
// the allocations of rendering a page). Links with a title or attributes
// are left to goldmark's own function.
type linkRenderer struct {
	fallback renderer.NodeRendererFunc
}

func newLinkRenderer() linkRenderer {
	var c captureFunc
	c.kind = ast.KindLink
	html.NewRenderer().RegisterFuncs(&c)
	return linkRenderer{fallback: c.f}
}

type captureFunc struct {
	kind ast.NodeKind
	f    renderer.NodeRendererFunc
}

func (c *captureFunc) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == c.kind {
		c.f = f
	}
}

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.render)
}

func (r linkRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if n.Title != nil || n.Attributes() != nil {
		return r.fallback(w, source, node, entering)
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(n.Destination, true)
	if !dangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

// dangerousURL is goldmark's html.IsDangerousURL without copies: when the
// bytes it looks at (the first 16) are ASCII, it compares them itself,
// ignoring ASCII case as bytes.ToLower would; otherwise it asks goldmark.
func dangerousURL(u []byte) bool {
	for i := 0; i < len(u) && i < 16; i++ {
		if u[i] >= 0x80 {
			return html.IsDangerousURL(u)
		}
	}
	if prefixFold(u, "data:image/") && len(u) >= 11 {
		v := u[11:]
		return !(prefixFold(v, "png;") || prefixFold(v, "gif;") || prefixFold(v, "jpeg;") || prefixFold(v, "webp;"))
	}
	return prefixFold(u, "javascript:") || prefixFold(u, "vbscript:") || prefixFold(u, "file:") || prefixFold(u, "data:")
}

// prefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring the ASCII case of s.
func prefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
