package site

import (
	"strings"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

// flowHref returns the link from the page to the step of p's checker
// answered segs, Rel(v.Path, FlowPath(v.dir(), p, segs)). The steps' pages
// link to each other, in their own folder: there the link is the file's
// name, made without the whole path first (one allocation, or none for
// the first step, instead of two or three; a national build makes about
// a quarter of a million of these links).
func (v *View) flowHref(p *rules.Procedure, segs []string) string {
	return v.flowHrefThen(p, segs, "", false)
}

// flowHrefThen is flowHref for segs followed by then, with more (the answer
// just given: AnswerHref), without a slice made for them.
func (v *View) flowHrefThen(p *rules.Procedure, segs []string, then string, more bool) string {
	if !inFlowDir(v.Path, v.dir(), p) {
		if more {
			segs = append(segs[:len(segs):len(segs)], then)
		}
		return Rel(v.Path, FlowPath(v.dir(), p, segs))
	}
	if len(segs) == 0 && !more {
		return "index.html"
	}
	n := len(".html") + len(segs) + len(then)
	for _, s := range segs {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	if more {
		if len(segs) > 0 {
			b.WriteByte('.')
		}
		b.WriteString(then)
	}
	b.WriteString(".html")
	return b.String()
}

// inFlowDir reports whether path is a file in the folder of p's checker
// (see FlowPath): langDir/city/procedure/check/file.
func inFlowDir(path, langDir string, p *rules.Procedure) bool {
	for _, part := range [...]string{langDir, "/", p.City.ID, "/", p.ID, "/check/"} {
		rest, ok := strings.CutPrefix(path, part)
		if !ok {
			return false
		}
		path = rest
	}
	return path != "" && !strings.Contains(path, "/")
}
