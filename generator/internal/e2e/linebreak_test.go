package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The words an audit found cut across two lines: compound nouns, a number
// with its counter, names. Japanese pages and the Japanese in English pages
// must never break inside them, in a 320 px wide window (and a few widths
// around it, so the words fall at many places in the line).
var unbreakable = []string{"成年後見人", "成年被後見人", "3か月", "方式", "岩瀬庁舎", "大和庁舎", "真壁庁舎", "照会書兼回答書", "本人確認書類", "市民課7番窓口"}

// wordLinesJS finds every occurrence of the words in the page's text and
// returns those laid out on more than one line (their range's boxes do not
// share one top), and how many occurrences it measured.
const wordLinesJS = `((words) => {
	const split = [];
	let seen = 0;
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!el || el.closest("script, style, [hidden]") || !el.getClientRects().length) continue;
		for (const w of words) {
			for (let i = n.data.indexOf(w); i >= 0; i = n.data.indexOf(w, i + 1)) {
				const r = document.createRange();
				r.setStart(n, i);
				r.setEnd(n, i + w.length);
				const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
				seen++;
				if (tops.size > 1) split.push(w + " in: " + el.textContent.trim().slice(0, 80));
			}
		}
	}
	return {seen, split};
})`

type wordLines struct {
	Seen  int      `json:"seen"`
	Split []string `json:"split"`
}

func TestNoBreakInsideWords(t *testing.T) {
	f := sample(t)
	var pages []string
	for _, lang := range langs {
		for _, p := range f.procs() {
			pages = append(pages, p.guidePath(lang))
		}
		sak := findProc(t, f, "sakuragawa", "renewal")
		pages = append(pages, sak.flowPath(lang, []string{"expired", "proxy"}), sak.flowPath(lang, []string{"open", "legal", "ward"}))
	}
	widths := []int64{320, 336, 352, 368, 384, 400}
	total := 0
	tb := openTab(t, "about:blank")
	for _, w := range widths {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, 800)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			tb.navigate(f.base + p)
			got := eval[wordLines](tb, wordLinesJS+"("+jsonList(unbreakable)+")")
			total += got.Seen
			for _, s := range got.Split {
				t.Errorf("%s at %d px: broken across lines: %s", p, w, s)
			}
		}
	}
	if total < 100 {
		t.Errorf("measured only %d occurrences of the words", total)
	}
}

func jsonList(ss []string) string {
	var q []string
	for _, s := range ss {
		q = append(q, jsString(s))
	}
	return fmt.Sprintf("[%s]", strings.Join(q, ","))
}

// No Japanese text is set in italics (Japanese fonts have none, so browsers
// slant the glyphs): notes use weight or colour instead.
func TestNoItalicJapanese(t *testing.T) {
	f := sample(t)
	const italicJS = `(() => {
		const bad = [];
		let seen = 0;
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!el || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(n.data) || el.closest("script, style")) continue;
			seen++;
			if (getComputedStyle(el).fontStyle !== "normal") bad.push(el.tagName.toLowerCase() + "." + el.className + ": " + n.data.trim().slice(0, 40));
		}
		return {seen, bad};
	})()`
	sak := findProc(t, f, "sakuragawa", "renewal")
	tb := openTab(t, "about:blank")
	seen := 0
	for _, p := range []string{sak.guidePath("ja"), sak.guidePath("en"), sak.flowPath("ja", []string{"open", "legal", "under15", "no"}), sak.flowPath("en", []string{"open", "legal", "under15", "no"})} {
		tb.navigate(f.base + p)
		got := eval[struct {
			Seen int      `json:"seen"`
			Bad  []string `json:"bad"`
		}](tb, italicJS)
		seen += got.Seen
		for _, b := range got.Bad {
			t.Errorf("%s: Japanese in italics: %s", p, b)
		}
	}
	if seen < 50 {
		t.Errorf("looked at only %d texts", seen)
	}
}
