package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// questionHTMLJS returns, for the question fieldset qid of the checker (or,
// with a document's source, the static question page), the markup of the
// question's text, its help and its answer labels, as a resident meets them.
const questionHTMLJS = `window.tebikiQuestionHTML = (doc, qid) => {
	const norm = (s) => s.replace(/\s+/g, " ").trim();
	if (qid) {
		const fs = doc.querySelector('[data-checker] fieldset[data-q="' + qid + '"]');
		if (!fs) return null;
		const hint = fs.querySelector(":scope > .hint");
		return {text: norm(fs.querySelector(":scope > legend").innerHTML), help: hint ? norm(hint.innerHTML) : "",
			answers: [...fs.querySelectorAll(":scope > .choices label")].map((l) => norm(l.innerHTML))};
	}
	const art = doc.querySelector("article.flow");
	const h1 = art.querySelector("h1");
	// The help is the paragraph between the heading and the answers that is
	// neither the schedule nor the kicker.
	let help = "";
	for (let e = h1.nextElementSibling; e && !e.matches("ul.answers"); e = e.nextElementSibling) {
		if (e.tagName === "P" && !e.closest(".schedule")) help = norm(e.innerHTML);
	}
	return {text: norm(h1.innerHTML), help,
		answers: [...art.querySelectorAll("ul.answers a.answer")].map((a) => norm(a.innerHTML))};
};`

type questionHTML struct {
	Text    string   `json:"text"`
	Help    string   `json:"help"`
	Answers []string `json:"answers"`
}

func (q questionHTML) String() string {
	return fmt.Sprintf("text %q\n\thelp %q\n\tanswers %q", q.Text, q.Help, q.Answers)
}

// Every question the checker draws, in every procedure and both languages,
// carries the same markup as the static question page of the same answers:
// its text, help and answer labels, with the Japanese phrase breaks (<wbr>)
// and, on English pages, the lang="ja" marks of Japanese names. Without
// them Japanese under word-break: keep-all has no place to break but
// anywhere at all (overflow-wrap), and screen readers read Japanese names
// as English.
func TestCheckerQuestionsAsStatic(t *testing.T) {
	f := sample(t)
	for _, p := range f.procs() {
		for _, lang := range langs {
			t.Run(lang+"/"+p.city+"/"+p.id, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, f.base+p.guidePath(lang))
				tb.waitChecker()
				tb.run(questionHTMLJS)
				seen := map[string]bool{}
				wbr := 0
				for _, path := range p.p.Core.Paths() {
					for i, a := range path.Asked {
						qid := a.Question.ID
						if seen[qid] {
							continue
						}
						seen[qid] = true
						ids := answerIDs(path)[:i]
						if i > 0 {
							var parts []string
							for _, b := range path.Asked[:i] {
								parts = append(parts, b.Question.ID+":"+b.Answer.ID)
							}
							tb.navigate(f.base + p.guidePath(lang) + "#check=" + strings.Join(parts, ","))
							tb.waitChecker()
							tb.run(questionHTMLJS)
						}
						tb.waitFor(`document.querySelector(`+jsString(qsel(qid))+`)`, 10*time.Second, "question "+qid)
						got := eval[questionHTML](tb, `tebikiQuestionHTML(document, `+jsString(qid)+`)`)
						html := f.read(t, p.flowPath(lang, ids))
						want := eval[questionHTML](tb, `tebikiQuestionHTML(new DOMParser().parseFromString(`+jsString(html)+`, "text/html"), "")`)
						if got.String() != want.String() {
							t.Errorf("%s: question %s in the checker:\n\t%s\nbut on its static page:\n\t%s", tb.url, qid, got, want)
						}
						wbr += strings.Count(got.String(), "<wbr>")
					}
				}
				if len(seen) == 0 {
					t.Fatal("no question")
				}
				if lang == "ja" && wbr == 0 {
					t.Errorf("%s: no phrase break in any question", tb.url)
				}
				tb.assertClean()
			})
		}
	}
}

// In a 320 px window (and a few widths around it), the checker's
// questions, answers and result never break inside the listed words, and
// nothing is wider than the window.
func TestCheckerNoBreakInsideWords(t *testing.T) {
	f := sample(t)
	sak := findProc(t, f, "sakuragawa", "renewal")
	// The path with the most questions: all of them stay drawn above its
	// result.
	long := sak.p.Core.Paths()[0]
	for _, path := range sak.p.Core.Paths() {
		if len(path.Asked) > len(long.Asked) {
			long = path
		}
	}
	total := 0
	for _, lang := range langs {
		tb := openTab(t, "about:blank")
		for _, w := range []int64{320, 336, 352, 368} {
			if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, 800)); err != nil {
				t.Fatal(err)
			}
			tb.navigate(f.base + sak.guidePath(lang))
			tb.waitChecker()
			tb.answerPath(long)
			got := eval[wordLines](tb, wordLinesJS+"("+jsonList(unbreakable)+")")
			total += got.Seen
			for _, s := range got.Split {
				t.Errorf("%s at %d px, checker at %s: broken across lines: %s", sak.guidePath(lang), w, hashOf(long), s)
			}
			wide := eval[[]string](tb, `[...document.querySelectorAll("[data-checker] *")].filter((e) => !e.closest(".visually-hidden") && e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => e.tagName.toLowerCase() + ": " + e.textContent.trim().slice(0, 40))`)
			for _, s := range wide {
				t.Errorf("%s at %d px: wider than the window: %s", sak.guidePath(lang), w, s)
			}
		}
		tb.assertClean()
	}
	if total < 10 {
		t.Errorf("measured only %d occurrences of the words", total)
	}
}
