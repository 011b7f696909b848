package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// schemes are the colour settings a resident's system may ask for, as CSS
// media features.
var schemes = []struct {
	name     string
	features map[string]string
}{
	{"light", map[string]string{"prefers-color-scheme": "light"}},
	{"dark", map[string]string{"prefers-color-scheme": "dark"}},
	{"forced-colors", map[string]string{"forced-colors": "active"}},
}

// schemePages are the kinds of page a resident or city staff meets.
func schemePages(t *testing.T, f *fixture, lang string) []string {
	sak := findProc(t, f, "sakuragawa", "renewal")
	return []string{
		lang + "/index.html",
		lang + "/sakuragawa/index.html",
		sak.guidePath(lang),
		sak.flowPath(lang, nil),
		sak.flowPath(lang, []string{"expired", "proxy"}),
		sak.flowPath(lang, []string{"too_early"}),
		lang + "/sakuragawa/renewal/staff/index.html",
	}
}

// In the dark scheme and with forced colours (Chromium's emulation of the
// media features), every kind of page has no axe-core violation, contrast
// included.
func TestAccessibilityColourSchemes(t *testing.T) {
	f := sample(t)
	axeSource(t, f)
	for _, sc := range schemes[1:] {
		for _, lang := range langs {
			t.Run(sc.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, "about:blank")
				tb.emulateMedia("", sc.features)
				for _, p := range schemePages(t, f, lang) {
					tb.navigate(f.base + p)
					if got := eval[bool](tb, fmt.Sprintf(`matchMedia("(%s: %s)").matches`, firstKey(sc.features), sc.features[firstKey(sc.features)])); !got {
						t.Fatalf("%s: the emulation of %v does not apply", p, sc.features)
					}
					// The scheme is really applied: dark backgrounds; with
					// forced colours, buttons keep a border.
					switch sc.name {
					case "dark":
						if !eval[bool](tb, darkJS) {
							t.Errorf("%s: the page stays light in the dark scheme", p)
						}
					case "forced-colors":
						if !eval[bool](tb, `[...document.querySelectorAll(".button")].every((b) => getComputedStyle(b).borderTopStyle !== "none" && parseFloat(getComputedStyle(b).borderTopWidth) >= 1)`) {
							t.Errorf("%s: with forced colours a button has no border to show its edge", p)
						}
					}
					tb.checkA11y(f, sc.name)
				}
			})
		}
	}
}

// darkJS reports whether the page's background is dark.
const darkJS = `(() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number); return r + g + b < 150; })()`

func firstKey(m map[string]string) string {
	for k := range m {
		return k
	}
	return ""
}

// focusRingJS focuses every link, button, summary and focusable region of
// the page in turn and returns those whose focus ring is missing, thinner
// than 2 px, or has less than 3:1 contrast with the background around it.
const focusRingJS = `(() => {
	const rgb = (s) => { const m = s.match(/[\d.]+/g); return m ? m.map(Number) : null; };
	const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
	const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
	const background = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c && (c.length < 4 || c[3] > 0)) return c;
		}
		return [255, 255, 255];
	};
	const bad = [];
	let n = 0;
	for (const el of document.querySelectorAll("a[href], button, summary, [tabindex]")) {
		if (!el.getClientRects().length || el.closest("[hidden]")) continue;
		el.focus();
		if (document.activeElement !== el) continue;
		n++;
		const cs = getComputedStyle(el);
		const width = parseFloat(cs.outlineWidth);
		const what = el.tagName.toLowerCase() + " " + (el.textContent || "").trim().slice(0, 30);
		if (cs.outlineStyle === "none" || width < 2) { bad.push(what + ": no focus ring (" + cs.outlineStyle + " " + cs.outlineWidth + ")"); continue; }
		// The ring is drawn outside the element (outline-offset), on its parent's background.
		const r = ratio(rgb(cs.outlineColor), background(el.parentElement));
		if (r < 3) bad.push(what + ": focus ring " + cs.outlineColor + " has " + r.toFixed(2) + ":1 on " + background(el.parentElement));
	}
	return {n, bad};
})()`

// The focus ring has at least 3:1 contrast against the background around it,
// in the light and the dark scheme, on every focusable element of every kind
// of page.
func TestFocusRingContrast(t *testing.T) {
	f := sample(t)
	for _, sc := range schemes[:2] {
		for _, lang := range langs {
			t.Run(sc.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, "about:blank")
				tb.emulateMedia("", sc.features)
				total := 0
				for _, p := range schemePages(t, f, lang) {
					tb.navigate(f.base + p)
					got := eval[struct {
						N   int      `json:"n"`
						Bad []string `json:"bad"`
					}](tb, focusRingJS)
					total += got.N
					for _, b := range got.Bad {
						t.Errorf("%s (%s): %s", p, sc.name, b)
					}
				}
				if total < 50 {
					t.Errorf("focused only %d elements", total)
				}
			})
		}
	}
}

// The staff flow graph keeps its natural size: its text is as large in a
// phone-wide window, or at 200 % zoom, as on a wide screen, and the graph
// scrolls sideways in a focusable region with a name instead of shrinking.
func TestStaffGraphReadable(t *testing.T) {
	f := sample(t)
	tb := openTab(t, f.base+"en/sakuragawa/renewal/staff/index.html")
	const measure = `(() => {
		const region = document.querySelector(".flow-graph");
		const text = region.querySelector("svg g[data-node] text:last-of-type");
		return {font: text.getBoundingClientRect().height, scroll: region.scrollWidth > region.clientWidth,
			role: region.getAttribute("role"), tab: region.tabIndex, name: document.getElementById(region.getAttribute("aria-labelledby") || "x")?.textContent || ""};
	})()`
	type graphState struct {
		Font   float64 `json:"font"`
		Scroll bool    `json:"scroll"`
		Role   string  `json:"role"`
		Tab    int     `json:"tab"`
		Name   string  `json:"name"`
	}
	var wide graphState
	for i, vp := range []struct {
		w     int64
		scale float64
	}{{1280, 1}, {360, 1}, {640, 2}} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(vp.w, 900, chromedp.EmulateScale(vp.scale))); err != nil {
			t.Fatal(err)
		}
		tb.navigate(tb.url)
		got := eval[graphState](tb, measure)
		if got.Role != "region" || got.Tab != 0 || got.Name == "" {
			t.Errorf("the graph's region: role %q, tabindex %d, name %q; want a focusable, named region", got.Role, got.Tab, got.Name)
		}
		if i == 0 {
			wide = got
			if got.Font < 14 {
				t.Errorf("at its natural size the graph's text is %.1f px high, want at least 14", got.Font)
			}
			continue
		}
		if got.Font < wide.Font-0.5 {
			t.Errorf("%d px wide at %.0f×: the graph's text shrinks to %.1f px (%.1f px on a wide screen)", vp.w, vp.scale, got.Font, wide.Font)
		}
		if !got.Scroll {
			t.Errorf("%d px wide at %.0f×: the graph does not scroll in its region", vp.w, vp.scale)
		}
	}
}
