package e2e

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tebiki/tebiki/generator/internal/browser"
	"github.com/tebiki/tebiki/wasm/decide"
)

// byteCounter adds up the bytes the page received (as sent, before any
// decompression), per request URL.
type byteCounter struct {
	mu   sync.Mutex
	urls map[network.RequestID]string
	by   map[string]float64
}

func countBytes(tb *tab) *byteCounter {
	c := &byteCounter{urls: map[network.RequestID]string{}, by: map[string]float64{}}
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		c.mu.Lock()
		defer c.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			c.urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFinished:
			c.by[c.urls[ev.RequestID]] += ev.EncodedDataLength
		}
	}); err != nil {
		tb.t.Fatal(err)
	}
	return c
}

func (c *byteCounter) total() (n float64, wasm bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for u, b := range c.by {
		n += b
		wasm = wasm || strings.HasSuffix(u, ".wasm") || strings.Contains(u, "wasm_exec") || strings.Contains(u, "checker-wasm")
	}
	return n, wasm
}

// A resident who reads a guide page to the end without answering downloads
// no WebAssembly (nor its loader): the checker's first question is drawn
// from the rules in the page. The first answer fetches the core, and the
// checker goes on. The bytes received on load, after reading to the end,
// and after the first answer are logged (TEBIKI_MEASURE_SITE=DIR measures a
// site built elsewhere, such as an older version, the same way).
func TestNoWasmBeforeFirstAnswer(t *testing.T) {
	f := sample(t)
	base := f.base
	if dir := os.Getenv("TEBIKI_MEASURE_SITE"); dir != "" {
		b, stop, err := browser.Serve(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer stop()
		base = b
	}
	p := findProc(t, f, "sakuragawa", "renewal")
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			tb := openTab(t, "about:blank")
			c := countBytes(tb)
			tb.navigate(base + p.guidePath(lang))
			tb.waitFor(`document.readyState === "complete"`, 10*time.Second, "the page")
			onLoad, _ := c.total()
			// Read to the end, through the checker.
			tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
			for i := 0; i < 3; i++ {
				tb.run(`window.scrollBy(0, 400)`)
			}
			tb.run(`window.scrollTo(0, document.body.scrollHeight)`)
			time.Sleep(500 * time.Millisecond) // give a lazy load the chance to start, if there were one
			read, wasm := c.total()
			t.Logf("%s: %.0f bytes on load, %.0f after reading to the end", lang, onLoad, read)
			if os.Getenv("TEBIKI_MEASURE_SITE") != "" {
				return
			}
			if wasm {
				t.Errorf("the page fetched the checker's binary before any answer: %q", tb.mon.requestList())
			}
			if n := eval[int](tb, `document.querySelectorAll("[data-checker] fieldset[data-q]").length`); n != 1 {
				t.Errorf("the checker shows %d questions before the core, want the first one", n)
			}
			first := p.p.Core.Questions[0]
			tb.click(`label[for="q-` + first.ID + `-` + first.Answers[1].ID + `"]`)
			r, _ := p.p.Core.Decide(decide.Answers{first.ID: first.Answers[1].ID})
			tb.waitFor(`document.querySelector(`+jsString(qsel(r.Next.ID))+`)`, 20*time.Second, "the second question")
			after, wasm := c.total()
			t.Logf("%s: %.0f bytes after the first answer", lang, after)
			if !wasm {
				t.Errorf("the first answer did not fetch the core")
			}
			tb.assertClean()
		})
	}
}

// The language switch on a result opens the other language's guide page
// with the same answers and the same result.
func TestLanguageSwitchKeepsAnswers(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sanda", "renewal")
	path := pathWith(t, p, map[string]string{"validity": "open", "who": "proxy", "form": "no"})
	tb := openTab(t, f.base+p.guidePath("ja"))
	tb.waitChecker()
	tb.answerPath(path)
	tb.click(`.lang-switch a[hreflang="en"]`)
	title := path.Outcomes[0].Title.In("en")
	tb.waitFor(`document.documentElement.lang === "en" && (document.querySelector("#checker-out-h") || {}).textContent === `+jsString(title),
		20*time.Second, "the English result")
	tb.mon.setPage(tb.base())
	if h := eval[string](tb, `location.hash`); h != hashOf(path) {
		t.Errorf("English page's fragment %q, want %q", h, hashOf(path))
	}
	compareChecklists(t, "after switching language", tb.checkerChecklist(), tb.staticChecklist(f, p.flowPath("en", answerIDs(path))))
	tb.assertClean()
}

func (tb *tab) base() string { return eval[string](tb, `location.href`) }

// After an answer is changed with the arrow keys, the live region says
// where things stand now: the new result or the next question, never the
// result that was shown before.
func TestLiveRegionSaysCurrentState(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sanda", "renewal")
	start := pathWith(t, p, map[string]string{"validity": "expired", "who": "self"})
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, f.base+p.guidePath(lang))
			tb.waitChecker()
			tb.answerPath(start)
			old := start.Outcomes[0].Title.In(lang)
			// Focus the chosen answer of "who" and move down with the keyboard.
			tb.run(`document.querySelector("#q-who-self").focus()`)
			for i := 0; i < 4; i++ {
				tb.key(kb.ArrowDown)
				checked := eval[string](tb, `(document.querySelector('[data-q="who"] input:checked') || {}).value || ""`)
				r, err := p.p.Core.Decide(decide.Answers{"validity": "expired", "who": checked})
				if err != nil {
					t.Fatal(err)
				}
				want := ""
				if r.Outcome != nil {
					want = r.Outcome.Title.In(lang)
				} else {
					want = r.Next.Text.In(lang)
				}
				tb.waitFor(`document.querySelector(".checker-status").textContent.includes(`+jsString(want)+`)`, 10*time.Second, "the live region to say "+want)
				status := eval[string](tb, `document.querySelector(".checker-status").textContent`)
				if checked != "self" && strings.Contains(status, old) {
					t.Errorf("after choosing %s, the live region still says %q", checked, status)
				}
			}
			tb.assertClean()
		})
	}
}

// The badges' symbols are not read aloud, and the items to bring are not
// drawn as tick boxes on screen (they do nothing there); on paper they are.
func TestDecorationIsNotControls(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sanda", "issuance")
	path := p.p.Core.Paths()[0]
	tb := openTab(t, f.base+p.flowPath("en", answerIDs(path)))
	type deco struct{ Badge, Tick string }
	read := func() deco {
		return eval[deco](tb, `(() => {
			const b = document.querySelector(".badge");
			const li = document.querySelector("ul.bring > li");
			const cs = getComputedStyle(li, "::before");
			return {badge: b ? getComputedStyle(b, "::before").content : "none",
				tick: cs.borderTopWidth + " " + cs.width};
		})()`)
	}
	d := read()
	if d.Badge != "none" && !strings.HasSuffix(d.Badge, `/ ""`) {
		t.Errorf("the badge's symbol has no empty alternative text: content %s", d.Badge)
	}
	if strings.HasPrefix(d.Tick, "2px") {
		t.Errorf("items are drawn as tick boxes on screen: ::before %s", d.Tick)
	}
	setMedia(tb, "print")
	if d := read(); !strings.HasPrefix(d.Tick, "2px") {
		t.Errorf("in print, items have no tick box: ::before %s", d.Tick)
	}
}

func setMedia(tb *tab, media string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})); err != nil {
		tb.t.Fatal(err)
	}
}

// Printing a checker result gives a page that names the city, the
// procedure and the date printed, lists the answers, hides the checker's
// controls, and draws no focus outline.
func TestPrintedResult(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sanda", "renewal")
	path := pathWith(t, p, map[string]string{"validity": "open", "who": "proxy", "form": "no"})
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, f.base+p.guidePath(lang))
			tb.waitChecker()
			tb.answerPath(path)
			// Focus is on the result heading; print as the button does, and
			// without furigana (they print when shown; see TestPrintedResultPDF),
			// so that the words below read plainly.
			tb.run(`document.body.classList.add("print-checklist")`)
			tb.run(`(t => { if (t) t.checked = false })(document.getElementById("furigana-toggle"))`)
			setMedia(tb, "print")
			type printed struct {
				Text, Outline string
				Buttons       int
			}
			pr := eval[printed](tb, `(() => {
				const h = document.activeElement;
				const buttons = [...document.querySelectorAll("button")].filter((b) => b.getClientRects().length > 0).length;
				return {text: document.body.innerText, outline: getComputedStyle(h).outlineStyle, buttons};
			})()`)
			city, proc := p.p.City.Name.In(lang), p.p.Kind.Title.In(lang)
			for _, want := range []string{city, proc, path.Outcomes[0].Title.In(lang), path.Asked[1].Question.Text.In(lang), path.Asked[1].Answer.Label.In(lang)} {
				if !strings.Contains(pr.Text, want) {
					t.Errorf("the printed result does not say %q:\n%s", want, pr.Text)
				}
			}
			printedOn := strings.SplitN(tb.ui("checker.printed"), "%s", 2)[0]
			if !strings.Contains(pr.Text, printedOn) {
				t.Errorf("the printed result has no printed date (%q):\n%s", printedOn, pr.Text)
			}
			if pr.Outline != "none" {
				t.Errorf("the focused heading prints with outline %q", pr.Outline)
			}
			if pr.Buttons != 0 {
				t.Errorf("%d buttons are printed", pr.Buttons)
			}
		})
	}
}
