package graph

import (
	"html/template"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/jatext"
	"github.com/tebiki/tebiki/wasm/decide"
)

// displayScale is the drawing's size on the page, in quarters of its user
// units (5: 125 %).
const displayScale = 5

// Colours: boxes stay readable in print and without colour, since outcome
// boxes are also rounded and captioned with their kind.
const (
	edgeColour    = "#6b7280"
	textColour    = "#1f2328"
	captionColour = "#545b64"
	chipColour    = "#c3c9d1"
)

type boxStyle struct {
	fill, stroke string
	rx           int
	dash         bool
}

func style(n *node) boxStyle {
	switch n.kind {
	case startNode:
		return boxStyle{fill: "#3a3f47", stroke: "#3a3f47", rx: n.h / 2}
	case noneNode:
		return boxStyle{fill: "#fdecea", stroke: "#b3261e", rx: 4, dash: true}
	case outcomeNode:
		switch n.o.Kind {
		case decide.NotYet:
			return boxStyle{fill: "#fff4de", stroke: "#9a5a00", rx: 14}
		case decide.Contact:
			return boxStyle{fill: "#e8f0fb", stroke: "#1f5fa8", rx: 14}
		}
		return boxStyle{fill: "#e6f4ea", stroke: "#2e7d32", rx: 14}
	}
	return boxStyle{fill: "#ffffff", stroke: "#5b6470", rx: 3}
}

// FlowSVG draws the procedure's questions, answers and outcomes as a
// left-to-right layered graph in inline SVG: one box per question (its text
// in lang), one labelled arrow per answer (the answer's label in lang) to
// the next question asked on that path or to the outcome reached. Answers
// that lead from the same question to the same box share one arrow, their
// labels stacked. Outcomes are rounded, filled by kind and captioned with
// their kind and ID; each question box is captioned with its ID. Paths
// without questions start from a start node.
//
// Column is the longest distance from the start; the order within a column
// reduces crossings (barycenter sweeps). Text width is estimated, not
// measured: CJK characters 1em, others 0.55em. The SVG has role="img", a
// title and a description in lang, IDs prefixed by the city, procedure and
// language (so several flows can share a page), and no external resources.
// The same input gives the same bytes.
//
// The drawing has a fixed size, never shrunk to its box: it is drawn at
// displayScale/4 of its user units, so its 13-unit text reads at about 16 px,
// grows with the browser's zoom, and a page scrolls it sideways in a region
// of its own (see the theme's staff layout). It has no style attribute, so a
// strict Content-Security-Policy allows it.
//
// lang is the code of the texts' language, htmlLang its HTML lang and w its
// words (see Words).
func FlowSVG(p *decide.Procedure, lang, htmlLang string, vocab Words) template.HTML {
	return (*Flows)(nil).SVG(p, lang, htmlLang, vocab)
}

// svg puts together the drawing d of g as the SVG element with the given
// id (which the drawing's arrows refer to), its title and description.
func svg(g *graph, d *drawing, id, htmlLang string, p *decide.Procedure) template.HTML {
	t := g.words
	var questions, outcomes int
	for _, n := range g.nodes {
		switch n.kind {
		case questionNode:
			questions++
		case outcomeNode:
			outcomes++
		}
	}
	name := orID(p.Title.In(g.lang), p.ID)
	lang, title, desc := esc(htmlLang), esc(t.title(name)), esc(t.desc(name, questions, outcomes))

	var b strings.Builder
	b.Grow(400 + len(lang) + len(title) + len(desc) + 5*len(id) + d.size + (len(d.parts)-1)*len(id))
	w := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
		}
	}
	w(`<svg xmlns="http://www.w3.org/2000/svg" role="img" lang="`, lang, `" aria-labelledby="`, id, `-title" aria-describedby="`, id, `-desc"`,
		` viewBox="0 0 `, itoa(d.w), ` `, itoa(d.h), `" width="`, itoa(d.w*displayScale/4), `" height="`, itoa(d.h*displayScale/4), `"`,
		` font-family="sans-serif" font-size="`, itoa(fontSize), `">`, "\n")
	w(`<title id="`, id, `-title">`, title, "</title>\n")
	w(`<desc id="`, id, `-desc">`, desc, "</desc>\n")
	w(`<defs><marker id="`, id, `-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="`, edgeColour, `"/></marker></defs>`, "\n")
	for i, part := range d.parts {
		if i > 0 {
			b.WriteString(id)
		}
		b.WriteString(part)
	}
	return template.HTML(b.String())
}

// drawing is the part of a flow's SVG that follows from its graph alone:
// its size and its arrows, labels and boxes. Parts are the drawing's text
// cut where the SVG's id goes (the arrows' references to their marker).
type drawing struct {
	w, h  int
	parts []string
	size  int // the parts' bytes
}

// draw draws the graph g laid out by l, its text marked with the HTML
// language lang.
func draw(g *graph, l *layout, lang string) *drawing {
	b := make([]byte, 0, 8192)
	var cuts []int

	// Arrows first, then their labels over them, then the boxes.
	b = append(b, `<g fill="none" stroke="`+edgeColour+`" stroke-width="1.5">`+"\n"...)
	for _, e := range g.edges {
		b = append(b, `<path data-from="`...)
		b = appendEsc(b, e.from.key)
		b = append(b, `" data-to="`...)
		b = appendEsc(b, e.to.key)
		b = append(b, '"')
		if len(e.answers) > 0 {
			b = append(b, ` data-answers="`...)
			for i, a := range e.answers {
				if i > 0 {
					b = append(b, ' ')
				}
				b = appendEsc(b, a.ID)
			}
			b = append(b, '"')
		}
		b = append(b, ` d="`...)
		b = appendEdgePath(b, e)
		b = append(b, `" marker-end="url(#`...)
		cuts = append(cuts, len(b))
		b = append(b, `-arrow)"/>`+"\n"...)
	}
	b = append(b, "</g>\n"...)

	b = append(b, `<g font-size="`...)
	b = appendInt(b, labelSize)
	b = append(b, `" fill="`+textColour+`" text-anchor="middle">`+"\n"...)
	for _, e := range g.edges {
		for _, c := range e.chain {
			if c.kind != labelNode {
				continue
			}
			top := c.y - float64(c.h)/2
			b = append(b, `<g data-label="`...)
			b = appendEsc(b, e.from.key)
			b = append(b, ' ')
			b = appendEsc(b, e.to.key)
			b = append(b, `">`...)
			line := 0
			for _, n := range c.chips {
				h := n*labelLineH + 2*labelPadY
				b = append(b, `<rect x="`...)
				b = appendInt(b, c.x)
				b = append(b, `" y="`...)
				b = appendNum(b, top)
				b = append(b, `" width="`...)
				b = appendInt(b, c.w)
				b = append(b, `" height="`...)
				b = appendInt(b, h)
				b = append(b, `" rx="3" fill="#ffffff" stroke="`+chipColour+`"/>`...)
				for i := 0; i < n; i++ {
					y := top + labelPadY + float64(i*labelLineH) + 11.5
					b = append(b, `<text x="`...)
					b = appendNum(b, float64(c.x)+float64(c.w)/2)
					b = append(b, `" y="`...)
					b = appendNum(b, y)
					b = append(b, `">`...)
					b = appendEscText(b, lang, c.lines[line])
					b = append(b, `</text>`...)
					line++
				}
				top += float64(h + chipGap)
			}
			b = append(b, "</g>\n"...)
		}
	}
	b = append(b, "</g>\n"...)

	b = append(b, `<g fill="`+textColour+`">`+"\n"...)
	for _, layer := range l.layers {
		for _, n := range layer {
			if isBox(n) {
				b = appendBox(b, n, lang)
			}
		}
	}
	b = append(b, "</g>\n</svg>\n"...)

	body := string(b)
	d := &drawing{w: l.w, h: l.h, size: len(body)}
	prev := 0
	for _, c := range cuts {
		d.parts = append(d.parts, body[prev:c])
		prev = c
	}
	d.parts = append(d.parts, body[prev:])
	return d
}

// appendEscText appends a line of text, escaped; in a graph that is not in
// Japanese, each run of Japanese gets its own language (screen readers,
// fonts).
func appendEscText(b []byte, lang, s string) []byte {
	if jatext.JapanesePage(lang) || !jatext.HasJapanese(s) {
		return appendEsc(b, s)
	}
	for _, r := range jatext.Runs(s) {
		if r.Japanese {
			b = append(b, `<tspan lang="ja">`...)
			b = appendEsc(b, r.Text)
			b = append(b, `</tspan>`...)
		} else {
			b = appendEsc(b, r.Text)
		}
	}
	return b
}

func appendBox(b []byte, n *node, lang string) []byte {
	s := style(n)
	top := n.y - float64(n.h)/2
	b = append(b, `<g data-node="`...)
	b = appendEsc(b, n.key)
	b = append(b, `"><rect x="`...)
	b = appendInt(b, n.x)
	b = append(b, `" y="`...)
	b = appendNum(b, top)
	b = append(b, `" width="`...)
	b = appendInt(b, n.w)
	b = append(b, `" height="`...)
	b = appendInt(b, n.h)
	b = append(b, `" rx="`...)
	b = appendInt(b, s.rx)
	b = append(b, `" fill="`...)
	b = append(b, s.fill...)
	b = append(b, `" stroke="`...)
	b = append(b, s.stroke...)
	b = append(b, `" stroke-width="1.5"`...)
	if s.dash {
		b = append(b, ` stroke-dasharray="5 3"`...)
	}
	b = append(b, `/>`...)
	y := top + padY
	if n.caption != "" {
		b = append(b, `<text x="`...)
		b = appendInt(b, n.x+padX)
		b = append(b, `" y="`...)
		b = appendNum(b, y+10)
		b = append(b, `" font-size="`...)
		b = appendInt(b, captionSize)
		b = append(b, `" fill="`+captionColour+`">`...)
		b = appendEscText(b, lang, n.caption)
		b = append(b, `</text>`...)
		y += captionH
	}
	for i, line := range n.lines {
		base := y + float64(i*lineH) + 13
		b = append(b, `<text x="`...)
		if n.kind == startNode {
			b = appendNum(b, float64(n.x)+float64(n.w)/2)
			b = append(b, `" y="`...)
			b = appendNum(b, base)
			b = append(b, `" text-anchor="middle" fill="#ffffff">`...)
		} else {
			b = appendInt(b, n.x+padX)
			b = append(b, `" y="`...)
			b = appendNum(b, base)
			b = append(b, `">`...)
		}
		b = appendEscText(b, lang, line)
		b = append(b, `</text>`...)
	}
	return append(b, "</g>\n"...)
}

// appendEdgePath appends the path of e: from the source's port through
// each label and dummy node to the target's port, as horizontal-tangent
// curves, straight across labels.
func appendEdgePath(b []byte, e *edge) []byte {
	first := e.to
	if len(e.chain) > 0 {
		first = e.chain[0]
	}
	px, py := float64(e.from.x+e.from.w), port(e.from.outPorts, e.from.outs, first)
	b = append(b, 'M')
	b = appendNum(b, px)
	b = append(b, ',')
	b = appendNum(b, py)
	curve := func(qx, qy float64) {
		mid := (qx - px) / 2
		b = append(b, 'C')
		b = appendNum(b, px+mid)
		b = append(b, ',')
		b = appendNum(b, py)
		b = append(b, ' ')
		b = appendNum(b, qx-mid)
		b = append(b, ',')
		b = appendNum(b, qy)
		b = append(b, ' ')
		b = appendNum(b, qx)
		b = append(b, ',')
		b = appendNum(b, qy)
		px, py = qx, qy
	}
	for _, c := range e.chain {
		curve(float64(c.x), c.y)
		if c.w > 0 {
			px = float64(c.x + c.w)
			b = append(b, 'L')
			b = appendNum(b, px)
			b = append(b, ',')
			b = appendNum(b, py)
		}
	}
	last := e.from
	if len(e.chain) > 0 {
		last = e.chain[len(e.chain)-1]
	}
	curve(float64(e.to.x), port(e.to.inPorts, e.to.ins, last))
	return b
}
