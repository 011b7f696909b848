package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"html/template"
	"sync"

	"github.com/tebiki/tebiki/wasm/decide"
)

// Flows draws flows as FlowSVG does, for a whole build: what depends on a
// flow's graph alone (its layout and drawing) is kept for a graph met a
// second time, and the wrapped lines of every text are kept. A national
// site draws the same graph for hundreds of cities (procedures copied from
// one another, in the same words), and the same questions in many graphs
// that differ elsewhere. Only the SVG's id, title and description, which
// name the city and the procedure, are made for every flow.
//
// A graph is known by a digest of everything its drawing depends on: the
// languages, and every box (its kind, key, caption and text) and arrow (its
// ends, and the ID and label of every answer on it), in order.
//
// The zero Flows is ready to use, by several goroutines at once. A nil
// *Flows keeps nothing.
type Flows struct {
	mu    sync.Mutex
	drawn map[[sha256.Size]byte]*drawing // nil: met once, not kept
	lines map[wrapKey][]string
}

type wrapKey struct {
	s     string
	maxEm float64
}

// SVG returns FlowSVG(p, lang, htmlLang, vocab).
func (f *Flows) SVG(p *decide.Procedure, lang, htmlLang string, vocab Words) template.HTML {
	g := build(p, lang, vocab, f.wrap)
	id := "flow-" + idPart(p.City) + "-" + idPart(p.ID) + "-" + idPart(lang)
	return svg(g, f.drawing(g, htmlLang), id, htmlLang, p)
}

// drawing returns the drawing of g, kept if g was met before.
func (f *Flows) drawing(g *graph, htmlLang string) *drawing {
	if f == nil {
		return draw(g, place(g), htmlLang)
	}
	k := g.digest(htmlLang)
	f.mu.Lock()
	d, met := f.drawn[k]
	f.mu.Unlock()
	if d != nil {
		return d
	}
	d = draw(g, place(g), htmlLang)
	f.mu.Lock()
	if f.drawn == nil {
		f.drawn = map[[sha256.Size]byte]*drawing{}
	}
	// A graph met once is all most cities' own: keeping only those met
	// again keeps the memory to the shared ones.
	if met {
		f.drawn[k] = d
	} else if _, ok := f.drawn[k]; !ok {
		f.drawn[k] = nil
	}
	f.mu.Unlock()
	return d
}

// wrap returns wrap(s, maxEm), kept.
func (f *Flows) wrap(s string, maxEm float64) []string {
	if f == nil {
		return wrap(s, maxEm)
	}
	k := wrapKey{s, maxEm}
	f.mu.Lock()
	lines, ok := f.lines[k]
	f.mu.Unlock()
	if ok {
		return lines
	}
	lines = wrap(s, maxEm)
	f.mu.Lock()
	if f.lines == nil {
		f.lines = map[wrapKey][]string{}
	}
	f.lines[k] = lines
	f.mu.Unlock()
	return lines
}

// digest sums up everything g's drawing in htmlLang depends on (see Flows).
func (g *graph) digest(htmlLang string) [sha256.Size]byte {
	b := make([]byte, 0, 4096)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int) { b = binary.AppendUvarint(b, uint64(n)) }
	str(g.lang)
	str(htmlLang)
	num(len(g.nodes))
	index := make(map[*node]int, len(g.nodes))
	for i, n := range g.nodes {
		index[n] = i
		num(int(n.kind))
		if n.o != nil {
			num(int(n.o.Kind))
		}
		str(n.key)
		str(n.caption)
		str(n.text)
	}
	num(len(g.edges))
	for _, e := range g.edges {
		num(index[e.from])
		num(index[e.to])
		num(len(e.answers))
		for _, a := range e.answers {
			str(a.ID)
			str(a.Label.In(g.lang))
		}
	}
	return sha256.Sum256(b)
}
