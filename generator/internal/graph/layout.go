package graph

import (
	"cmp"
	"math"
	"slices"
)

// Sizes in pixels.
const (
	fontSize    = 13
	lineH       = 17
	captionSize = 10
	captionH    = 14
	labelSize   = 12
	labelLineH  = 15
	padX, padY  = 10, 7
	labelPadX   = 4
	labelPadY   = 2
	chipGap     = 3 // between the labels of answers that share an arrow
	margin      = 16
	colGap      = 36
	boxGap      = 16 // between boxes in a column
	thinGap     = 8  // next to a label or an edge passing through
	minBoxW     = 64
	portSpacing = 12
	portInset   = 6
	orderSweeps = 8
	placeSweeps = 10
)

type layout struct {
	g      *graph
	layers [][]*node
	w, h   int
}

// place lays the graph out: columns by longest distance from the start,
// an order within each column that reduces crossings, then coordinates.
func place(g *graph) *layout {
	l := &layout{g: g}
	for _, n := range g.nodes {
		if n.lines == nil { // the start node's one line is never wrapped
			n.lines = g.wrap(n.text, boxEm)
		}
	}
	l.rank()
	l.split()
	l.order()
	l.size()
	l.coordinates()
	l.ports()
	return l
}

// rank sets each box's depth to its longest distance from a box with no
// predecessor. The graph is acyclic: questions are asked in file order.
func (l *layout) rank() {
	var depth func(n *node) int
	depth = func(n *node) int {
		if n.ranked {
			return n.depth
		}
		n.ranked = true // questions are asked in order, so there is no cycle
		d := 0
		for _, e := range n.preds {
			if x := depth(e.from) + 1; x > d {
				d = x
			}
		}
		n.depth = d
		return d
	}
	max := 0
	for _, n := range l.g.nodes {
		if d := depth(n); d > max {
			max = d
		}
	}
	l.layers = make([][]*node, 2*max+1)
	for _, n := range l.g.nodes {
		n.rank = 2 * n.depth
		l.layers[n.rank] = append(l.layers[n.rank], n)
	}
}

// split cuts every edge into one segment per column: a label node in the
// gap after its source, then a dummy node in each further column it crosses.
func (l *layout) split() {
	for _, e := range l.g.edges {
		prev := e.from
		for r := e.from.rank + 1; r < e.to.rank; r++ {
			k := dummyNode
			if r == e.from.rank+1 && len(e.answers) > 0 {
				k = labelNode
			}
			c := &node{kind: k, edge: e, rank: r}
			if k == labelNode {
				for _, a := range e.answers {
					lines := l.g.wrap(orID(a.Label.In(l.g.lang), a.ID), labelEm)
					c.lines = append(c.lines, lines...)
					c.chips = append(c.chips, len(lines))
				}
			}
			e.chain = append(e.chain, c)
			l.layers[r] = append(l.layers[r], c)
			link(prev, c)
			prev = c
		}
		link(prev, e.to)
	}
}

func link(a, b *node) {
	a.outs = append(a.outs, b)
	b.ins = append(b.ins, a)
}

// order sorts each column by the barycenter of its neighbours, sweeping
// down and up, and keeps the order with the fewest crossings.
func (l *layout) order() {
	for _, layer := range l.layers {
		for i, n := range layer {
			n.order = i
		}
	}
	var segs [][2]int
	best := l.crossings(&segs)
	saved := l.save()
	for i := 0; i < orderSweeps && best > 0; i++ {
		if i%2 == 0 {
			for r := 1; r < len(l.layers); r++ {
				sortByBarycenter(l.layers[r], func(n *node) []*node { return n.ins })
			}
		} else {
			for r := len(l.layers) - 2; r >= 0; r-- {
				sortByBarycenter(l.layers[r], func(n *node) []*node { return n.outs })
			}
		}
		if c := l.crossings(&segs); c < best {
			best, saved = c, l.save()
		}
	}
	for r := range l.layers {
		l.layers[r] = saved[r]
		for i, n := range l.layers[r] {
			n.order = i
		}
	}
}

func (l *layout) save() [][]*node {
	out := make([][]*node, len(l.layers))
	for r, layer := range l.layers {
		out[r] = append([]*node(nil), layer...)
	}
	return out
}

func sortByBarycenter(layer []*node, neighbours func(*node) []*node) {
	for _, n := range layer {
		nb := neighbours(n)
		if len(nb) == 0 {
			n.bary = float64(n.order)
			continue
		}
		s := 0.0
		for _, m := range nb {
			s += float64(m.order)
		}
		n.bary = s / float64(len(nb))
	}
	slices.SortStableFunc(layer, func(a, b *node) int { return cmp.Compare(a.bary, b.bary) })
	for i, n := range layer {
		n.order = i
	}
}

// crossings counts the pairs of segments that cross between columns; segs
// is room for the segments of a column.
func (l *layout) crossings(buf *[][2]int) int {
	c := 0
	for _, layer := range l.layers {
		segs := (*buf)[:0]
		for _, n := range layer {
			for _, m := range n.outs {
				segs = append(segs, [2]int{n.order, m.order})
			}
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				a, b := segs[i], segs[j]
				if (a[0]-b[0])*(a[1]-b[1]) < 0 {
					c++
				}
			}
		}
		*buf = segs
	}
	return c
}

// size measures the boxes and labels.
func (l *layout) size() {
	for _, layer := range l.layers {
		for _, n := range layer {
			switch n.kind {
			case dummyNode:
				n.w, n.h = 0, 0
			case labelNode:
				n.w = int(math.Ceil(maxEm(n.lines)*labelSize)) + 2*labelPadX
				n.h = len(n.lines)*labelLineH + len(n.chips)*(2*labelPadY+chipGap) - chipGap
			default:
				w := maxEm(n.lines) * fontSize
				if n.caption != "" {
					w = math.Max(w, textEm(n.caption)*captionSize)
				}
				n.w = max(int(math.Ceil(w))+2*padX, minBoxW)
				n.h = len(n.lines)*lineH + 2*padY
				if n.caption != "" {
					n.h += captionH
				}
			}
		}
	}
}

func maxEm(lines []string) float64 {
	w := 0.0
	for _, s := range lines {
		w = math.Max(w, textEm(s))
	}
	return w
}

func isBox(n *node) bool { return n.kind != labelNode && n.kind != dummyNode }

// gap is the space between two neighbours in a column.
func gap(a, b *node) float64 {
	if isBox(a) && isBox(b) {
		return boxGap
	}
	return thinGap
}

// coordinates sets x from the column widths, and y by moving each node
// towards the mean of its neighbours while keeping the column's order and
// spacing (least squares, solved by pool-adjacent-violators).
func (l *layout) coordinates() {
	x := margin
	for _, layer := range l.layers {
		w := 0
		for _, n := range layer {
			w = max(w, n.w)
		}
		for _, n := range layer {
			if n.kind == dummyNode {
				// An edge crosses the column straight, and bends only in
				// the gaps, clear of the labels and boxes beside it.
				n.w = w
			}
			n.x = x + (w-n.w)/2
		}
		x += w + colGap
	}
	l.w = x - colGap + margin
	for _, layer := range l.layers {
		y := 0.0
		for i, n := range layer {
			if i > 0 {
				y += float64(layer[i-1].h)/2 + gap(layer[i-1], n) + float64(n.h)/2
			}
			n.y = y
		}
	}
	ins := func(n *node) []*node { return n.ins }
	outs := func(n *node) []*node { return n.outs }
	both := func(n *node) []*node {
		if n.both == nil {
			n.both = append(append(make([]*node, 0, len(n.ins)+len(n.outs)), n.ins...), n.outs...)
		}
		return n.both
	}
	for i := 0; i < placeSweeps; i++ {
		switch {
		case i == placeSweeps-1:
			for _, layer := range l.layers {
				align(layer, both)
			}
		case i%2 == 0:
			for r := 1; r < len(l.layers); r++ {
				align(l.layers[r], ins)
			}
		default:
			for r := len(l.layers) - 2; r >= 0; r-- {
				align(l.layers[r], outs)
			}
		}
	}
	// Whole pixels for the tops of boxes, then shift everything below the margin.
	top := math.Inf(1)
	for _, layer := range l.layers {
		for _, n := range layer {
			n.y = math.Round(n.y-float64(n.h)/2) + float64(n.h)/2
			top = math.Min(top, n.y-float64(n.h)/2)
		}
	}
	bottom := 0.0
	for _, layer := range l.layers {
		for _, n := range layer {
			n.y += margin - top
			bottom = math.Max(bottom, n.y+float64(n.h)/2)
		}
	}
	l.h = int(math.Ceil(bottom)) + margin
}

// align moves the nodes of one column as close as it can to the mean of
// their neighbours.
func align(layer []*node, neighbours func(*node) []*node) {
	n := len(layer)
	if n == 0 {
		return
	}
	offset := make([]float64, n)
	want := make([]float64, n)
	for i, v := range layer {
		if i > 0 {
			offset[i] = offset[i-1] + float64(layer[i-1].h)/2 + gap(layer[i-1], v) + float64(v.h)/2
		}
		nb := neighbours(v)
		d := v.y
		if len(nb) > 0 {
			s := 0.0
			for _, m := range nb {
				s += m.y
			}
			d = s / float64(len(nb))
		}
		want[i] = d - offset[i]
	}
	// Pool adjacent violators: the non-decreasing sequence closest to want.
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for _, w := range want {
		blocks = append(blocks, block{w, 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.count + b.count})
		}
	}
	i := 0
	for _, b := range blocks {
		mean := b.sum / float64(b.count)
		for k := 0; k < b.count; k++ {
			layer[i].y = mean + offset[i]
			i++
		}
	}
}

// ports spreads the edges leaving a box along its right side, and those
// entering it along its left side, in the order of the other end.
func (l *layout) ports() {
	for _, layer := range l.layers {
		for _, n := range layer {
			if !isBox(n) {
				continue
			}
			n.outPorts = spread(n, n.outs)
			n.inPorts = spread(n, n.ins)
		}
	}
}

// spread returns the ports of n for its neighbours ends, in their order.
func spread(n *node, ends []*node) []float64 {
	k := len(ends)
	if k == 0 {
		return nil
	}
	var buf [8]int
	sorted := buf[:0]
	for i := range ends {
		sorted = append(sorted, i)
	}
	slices.SortStableFunc(sorted, func(i, j int) int { return cmp.Compare(ends[i].y, ends[j].y) })
	out := make([]float64, k)
	step := float64(portSpacing)
	if k > 1 {
		step = math.Min(step, float64(n.h-2*portInset)/float64(k-1))
	}
	for i, e := range sorted {
		out[e] = n.y + (float64(i)-float64(k-1)/2)*step
	}
	return out
}

// port returns the port of n, among ports (spread for ends), for its
// neighbour m.
func port(ports []float64, ends []*node, m *node) float64 {
	for i, e := range ends {
		if e == m {
			return ports[i]
		}
	}
	return 0
}
