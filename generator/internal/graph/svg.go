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
	g := build(p, lang, vocab)
	l := place(g)
	t := g.words
	id := "flow-" + idPart(p.City) + "-" + idPart(p.ID) + "-" + idPart(lang)
	var questions, outcomes int
	for _, n := range g.nodes {
		switch n.kind {
		case questionNode:
			questions++
		case outcomeNode:
			outcomes++
		}
	}
	name := orID(p.Title.In(lang), p.ID)

	var b strings.Builder
	w := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
		}
	}
	lang = htmlLang // from here on, what the drawing's text is marked with
	w(`<svg xmlns="http://www.w3.org/2000/svg" role="img" lang="`, esc(lang), `" aria-labelledby="`, id, `-title" aria-describedby="`, id, `-desc"`,
		` viewBox="0 0 `, itoa(l.w), ` `, itoa(l.h), `" width="`, itoa(l.w*displayScale/4), `" height="`, itoa(l.h*displayScale/4), `"`,
		` font-family="sans-serif" font-size="`, itoa(fontSize), `">`, "\n")
	w(`<title id="`, id, `-title">`, esc(t.title(name)), "</title>\n")
	w(`<desc id="`, id, `-desc">`, esc(t.desc(name, questions, outcomes)), "</desc>\n")
	w(`<defs><marker id="`, id, `-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="`, edgeColour, `"/></marker></defs>`, "\n")

	// Arrows first, then their labels over them, then the boxes.
	w(`<g fill="none" stroke="`, edgeColour, `" stroke-width="1.5">`, "\n")
	for _, e := range g.edges {
		var ids []string
		for _, a := range e.answers {
			ids = append(ids, a.ID)
		}
		w(`<path data-from="`, esc(e.from.key), `" data-to="`, esc(e.to.key), `"`)
		if len(ids) > 0 {
			w(` data-answers="`, esc(strings.Join(ids, " ")), `"`)
		}
		w(` d="`, edgePath(e), `" marker-end="url(#`, id, `-arrow)"/>`, "\n")
	}
	w("</g>\n")

	w(`<g font-size="`, itoa(labelSize), `" fill="`, textColour, `" text-anchor="middle">`, "\n")
	for _, e := range g.edges {
		for _, c := range e.chain {
			if c.kind != labelNode {
				continue
			}
			top := c.y - float64(c.h)/2
			w(`<g data-label="`, esc(e.from.key), ` `, esc(e.to.key), `">`)
			line := 0
			for _, n := range c.chips {
				h := n*labelLineH + 2*labelPadY
				w(`<rect x="`, itoa(c.x), `" y="`, num(top), `" width="`, itoa(c.w), `" height="`, itoa(h), `" rx="3" fill="#ffffff" stroke="`, chipColour, `"/>`)
				for i := 0; i < n; i++ {
					y := top + labelPadY + float64(i*labelLineH) + 11.5
					w(`<text x="`, num(float64(c.x)+float64(c.w)/2), `" y="`, num(y), `">`, escText(lang, c.lines[line]), `</text>`)
					line++
				}
				top += float64(h + chipGap)
			}
			w("</g>\n")
		}
	}
	w("</g>\n")

	w(`<g fill="`, textColour, `">`, "\n")
	for _, layer := range l.layers {
		for _, n := range layer {
			if isBox(n) {
				box(w, n, lang)
			}
		}
	}
	w("</g>\n</svg>\n")
	return template.HTML(b.String())
}

// escText escapes a line of text; in a graph that is not in Japanese, each
// run of Japanese gets its own language (screen readers, fonts).
func escText(lang, s string) string {
	if jatext.JapanesePage(lang) || !jatext.HasJapanese(s) {
		return esc(s)
	}
	var b strings.Builder
	for _, r := range jatext.Runs(s) {
		if r.Japanese {
			b.WriteString(`<tspan lang="ja">` + esc(r.Text) + `</tspan>`)
		} else {
			b.WriteString(esc(r.Text))
		}
	}
	return b.String()
}

func box(w func(...string), n *node, lang string) {
	s := style(n)
	top := n.y - float64(n.h)/2
	w(`<g data-node="`, esc(n.key), `">`)
	w(`<rect x="`, itoa(n.x), `" y="`, num(top), `" width="`, itoa(n.w), `" height="`, itoa(n.h), `" rx="`, itoa(s.rx),
		`" fill="`, s.fill, `" stroke="`, s.stroke, `" stroke-width="1.5"`)
	if s.dash {
		w(` stroke-dasharray="5 3"`)
	}
	w(`/>`)
	y := top + padY
	if n.caption != "" {
		w(`<text x="`, itoa(n.x+padX), `" y="`, num(y+10), `" font-size="`, itoa(captionSize), `" fill="`, captionColour, `">`, escText(lang, n.caption), `</text>`)
		y += captionH
	}
	for i, line := range n.lines {
		base := y + float64(i*lineH) + 13
		if n.kind == startNode {
			w(`<text x="`, num(float64(n.x)+float64(n.w)/2), `" y="`, num(base), `" text-anchor="middle" fill="#ffffff">`, escText(lang, line), `</text>`)
			continue
		}
		w(`<text x="`, itoa(n.x+padX), `" y="`, num(base), `">`, escText(lang, line), `</text>`)
	}
	w("</g>\n")
}

// edgePath runs from the source's port through each label and dummy node to
// the target's port, as horizontal-tangent curves, straight across labels.
func edgePath(e *edge) string {
	var b strings.Builder
	first := e.to
	if len(e.chain) > 0 {
		first = e.chain[0]
	}
	px, py := float64(e.from.x+e.from.w), e.from.outPorts[first]
	b.WriteString("M" + num(px) + "," + num(py))
	curve := func(qx, qy float64) {
		mid := (qx - px) / 2
		b.WriteString("C" + num(px+mid) + "," + num(py) + " " + num(qx-mid) + "," + num(qy) + " " + num(qx) + "," + num(qy))
		px, py = qx, qy
	}
	for _, c := range e.chain {
		curve(float64(c.x), c.y)
		if c.w > 0 {
			px = float64(c.x + c.w)
			b.WriteString("L" + num(px) + "," + num(py))
		}
	}
	last := e.from
	if len(e.chain) > 0 {
		last = e.chain[len(e.chain)-1]
	}
	curve(float64(e.to.x), e.to.inPorts[last])
	return b.String()
}
