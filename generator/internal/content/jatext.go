package content

import (
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// KindJapaneseText is the node kind of JapaneseText.
var KindJapaneseText = ast.NewNodeKind("JapaneseText")

// JapaneseText is a run of adjacent text nodes that holds Japanese, with the
// language of the page it is rendered on.
type JapaneseText struct {
	ast.BaseInline
	Value string
	Lang  string
	// SoftBreak and HardBreak are those of the last text node of the run.
	SoftBreak, HardBreak bool
}

// Kind implements ast.Node.
func (n *JapaneseText) Kind() ast.NodeKind { return KindJapaneseText }

// Dump implements ast.Node.
func (n *JapaneseText) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Value": n.Value, "Lang": n.Lang}, nil)
}

// japaneseRendered is the goldmark extension for text with Japanese in it:
// on Japanese pages it offers line breaks between phrases only, and on
// pages in other languages it marks each run of Japanese with lang="ja"
// (and translate="no" on names and terms). The runs of plain text that hold
// Japanese become JapaneseText nodes in the walk that checks the links
// (joinText, see checker); see package jatext for how the text is cut.
type japaneseRendered struct{}

func (japaneseRendered) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(jaRenderer{}, 500)))
}

// joinText replaces every run of adjacent plain text children of p that holds
// Japanese by one JapaneseText node, so a word split by the parser (at a
// line end, for instance) is cut as a whole. Its nodes come from slab.
func joinText(p ast.Node, src []byte, lang string, slab *jaSlab) {
	c := p.FirstChild()
	for c != nil {
		t, ok := c.(*ast.Text)
		if !ok || t.IsRaw() {
			c = c.NextSibling()
			continue
		}
		// The run: t and the plain text nodes after it, to the first
		// hard line break.
		last, n, size, japanese := t, 0, 0, false
		for x := ast.Node(t); x != nil; x = x.NextSibling() {
			tn, ok := x.(*ast.Text)
			if !ok || tn.IsRaw() {
				break
			}
			last, n, size = tn, n+1, size+tn.Segment.Len()+1
			if seg := tn.Segment.Value(src); !japanese && len(seg) > 0 {
				japanese = jatext.HasJapanese(unsafe.String(&seg[0], len(seg)))
			}
			if tn.HardLineBreak() {
				break
			}
		}
		next := last.NextSibling()
		if !japanese {
			c = next
			continue
		}
		var s string
		if n == 1 {
			// The source itself, not a copy: goldmark never changes it,
			// and the node lives no longer than the rendering.
			seg := t.Segment.Value(src)
			s = unsafe.String(&seg[0], len(seg))
		} else {
			var b strings.Builder
			b.Grow(size)
			for x := ast.Node(t); ; x = x.NextSibling() {
				tn := x.(*ast.Text)
				b.Write(tn.Segment.Value(src))
				if tn == last {
					break
				}
				if tn.SoftLineBreak() {
					b.WriteByte('\n')
				}
			}
			s = b.String()
		}
		jt := slab.next()
		jt.Value, jt.Lang, jt.SoftBreak, jt.HardBreak = s, lang, last.SoftLineBreak(), last.HardLineBreak()
		p.InsertBefore(p, t, jt)
		for x := ast.Node(t); x != next; {
			following := x.NextSibling()
			p.RemoveChild(p, x)
			x = following
		}
		c = next
	}
}

// jaSlab hands out the JapaneseText nodes of a document from a few larger
// allocations (4 nodes, then 8, … up to 64 at a time) instead of one each:
// they all live as long as the document.
type jaSlab struct {
	free []JapaneseText
	size int
}

func (s *jaSlab) next() *JapaneseText {
	if len(s.free) == 0 {
		s.size = min(max(2*s.size, 4), 64)
		s.free = make([]JapaneseText, s.size)
	}
	n := &s.free[0]
	s.free = s.free[1:]
	return n
}

type jaRenderer struct{}

func (jaRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindJapaneseText, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*JapaneseText)
		jatext.WriteTo(w, n.Lang, n.Value)
		switch {
		case n.HardBreak:
			_, _ = w.WriteString("<br>\n")
		case n.SoftBreak:
			_ = w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
}

// pageHTMLLang is the HTML lang of the page's language (its code when the
// page was made without one, as in tests).
func pageHTMLLang(p *Page) string {
	if p.HTMLLang != "" {
		return p.HTMLLang
	}
	return p.Lang
}
