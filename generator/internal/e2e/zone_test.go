package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tebiki/tebiki/wasm/decide"
)

// atInstant sets the tab's zone and stops its clock at the instant at.
func atInstant(zone string, at time.Time) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
			const fixed = ` + jsString(at.UTC().Format(time.RFC3339)) + `, D = Date;
			globalThis.Date = class extends D {
				constructor(...a) { if (a.length === 0) super(fixed); else super(...a); }
				static now() { return D.parse(fixed); }
			};
		})();`})
		return err
	})
}

// The date helper decides "today" in the site's zone (Asia/Tokyo), not the
// device's: on a device set to UTC at 15:30 UTC on 31 March it is already
// 1 April in Japan, so a stay that ended on 31 March has expired.
func TestDateHelperInSiteZone(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	q := p.p.Core.ExpiryQuestion()
	if q == nil {
		t.Fatal("sakuragawa/renewal has no expiry question")
	}
	months := p.p.Core.WindowMonths
	stay := decide.Date{Y: 2027, M: 3, D: 31}
	exp, _ := decide.ExpiryInput{StayUntil: stay}.Expiry()
	inJapan := decide.ExpiryStatus(exp, decide.Date{Y: 2027, M: 4, D: 1}, months)
	onDevice := decide.ExpiryStatus(exp, decide.Date{Y: 2027, M: 3, D: 31}, months)
	if inJapan == onDevice {
		t.Fatalf("the case does not tell the zones apart: %s both days", inJapan)
	}
	tb := openTab(t, f.base+p.guidePath("en"), atInstant("UTC", time.Date(2027, 3, 31, 15, 30, 0, 0, time.UTC)))
	if got := eval[string](tb, `new Date().toISOString() + " " + new Date().getDate()`); got != "2027-03-31T15:30:00.000Z 31" {
		t.Fatalf("the tab's clock reads %q", got)
	}
	tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
	tb.waitChecker()
	helper := qsel(q.ID) + " details.expiry-helper"
	tb.click(helper + " summary")
	tb.click(`label[for="dm-` + q.ID + `-stay"]`)
	tb.run(`document.querySelector("#date-` + q.ID + `-stay_until").value = "` + stay.String() + `"`)
	tb.click(helper + " button")
	tb.waitFor(`document.querySelector(`+jsString(qsel(q.ID)+` input[name="`+q.ID+`"]:checked`)+`)`, 10*time.Second, "an answer")
	if got := eval[string](tb, `document.querySelector(`+jsString(qsel(q.ID)+` input[name="`+q.ID+`"]:checked`)+`).value`); got != inJapan {
		t.Errorf("the helper answered %q; in Japan it is 1 April, so %q (the device's 31 March gives %q)", got, inJapan, onDevice)
	}
	tb.assertClean()
}
