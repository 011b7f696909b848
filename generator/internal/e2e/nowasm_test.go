package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// blockWasm blocks the checker's binary: the .wasm file and the script that
// carries it for file:// pages.
func blockWasm() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
			{URLPattern: "*://*:*/*.wasm", Block: true},
			{URLPattern: "*://*:*/*checker-wasm*", Block: true},
			{URLPattern: "file:///*checker-wasm*", Block: true},
		}})
		return err
	})
}

// A guide page whose checker binary cannot load is still usable: it throws
// no uncaught exception and logs no console error, the checker says that it
// could not load, and the link to the static question pages is still there
// and leads to the first question.
func TestWithoutWasm(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	for _, c := range []struct{ name, url string }{
		{"http/ja", f.base + p.guidePath("ja")},
		{"http/en", f.base + p.guidePath("en")},
		{"file/ja", f.fileURL(p.guidePath("ja"))},
	} {
		lang := c.name[len(c.name)-2:]
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, c.url, blockWasm())
			// The first question is drawn without the binary; the first
			// answer asks for it.
			tb.waitChecker()
			tb.click(`[data-checker] fieldset[data-q] .choice label`)
			failed := tb.ui("checker.failed")
			tb.waitFor(`document.querySelector(".checker-status").textContent === `+jsString(failed), 10*time.Second, "the checker's failure message")

			type start struct {
				Text, Href string
				Visible    bool
				Questions  int
			}
			st := eval[start](tb, `(() => {
				const a = document.querySelector(".start a");
				if (!a) return {};
				const r = a.getBoundingClientRect();
				return {text: a.textContent.trim(), href: a.getAttribute("href"), visible: r.width > 0 && r.height > 0 && getComputedStyle(a).visibility !== "hidden",
					questions: document.querySelectorAll("[data-checker] fieldset[data-q]").length};
			})()`)
			if !st.Visible || !strings.HasSuffix(st.Href, "check/index.html") {
				t.Errorf("the static flow link .start a is %+v; want it shown, to check/index.html", st)
			}
			if st.Questions != 0 {
				t.Errorf("the failed checker shows %d questions", st.Questions)
			}

			blocked := false
			for _, e := range tb.mon.errorList() {
				if strings.Contains(e, "(blocked:") && (strings.Contains(e, ".wasm") || strings.Contains(e, "/checker-wasm-")) {
					blocked = true
					continue
				}
				if strings.HasPrefix(e, "log(network):") && strings.Contains(e, "ERR_BLOCKED_BY_CLIENT") {
					continue
				}
				t.Errorf("%s: %s", tb.url, e)
			}
			if !blocked {
				t.Errorf("the request for the binary was not blocked; requests: %q", tb.mon.requestList())
			}
			for _, r := range tb.mon.offHostList() {
				t.Errorf("%s: request to another host: %s", tb.url, r)
			}

			// The link leads to the static flow's first question. (The test
			// server, like many, answers .../index.html with a redirect to .../.)
			tb.click(".start a")
			first := p.p.Core.Questions[0].Text.In(lang)
			tb.waitFor(`/\/check\/(index\.html)?$/.test(location.pathname) && document.readyState === "complete" && (document.querySelector("h1") || {}).textContent === `+jsString(first),
				10*time.Second, "the static flow's first question")
			if ex := tb.mon.exceptionList(); len(ex) > 0 {
				t.Errorf("uncaught exceptions: %q", ex)
			}
		})
	}
}
