package jatext

import (
	"html/template"
	"sync/atomic"
)

// The same texts (an office's name, a document's, a step of a procedure)
// appear on many pages: the whole national site asks for the HTML of a
// text dozens of times on average. So HTML keeps what it made for each text
// with Japanese in it, per language of the page: later calls cost a lookup
// instead of splitting runs, finding phrases and escaping again (8 % of a
// whole-site build's CPU before). The memory is bounded: past maxMemo
// bytes (texts, their HTML and the map's own), HTML works without keeping
// more; the texts met first, those of every city among them, are kept.

const maxMemo = 32 << 20

var (
	memoJa, memoOther memoMap      // text -> template.HTML, for pages in Japanese (see JapanesePage) and in other languages
	memoSize          atomic.Int64 // bytes
)

func memoized(lang, s string) (template.HTML, bool) {
	m := &memoOther
	if JapanesePage(lang) {
		m = &memoJa
	}
	return m.load(s)
}

func memoize(lang, s string, h template.HTML) {
	if memoSize.Load() >= maxMemo {
		return
	}
	m := &memoOther
	if JapanesePage(lang) {
		m = &memoJa
	}
	if m.store(s, h) {
		memoSize.Add(int64(len(s) + len(h) + 100))
	}
}
