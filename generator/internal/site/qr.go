package site

import (
	"html/template"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// PrintQR is the QR code printed on a static outcome page: the page's own
// address, so a resident with the paper can open it again on a phone.
type PrintQR struct {
	URL string
	SVG template.HTML
}

// QR returns the QR code of the page's absolute address, or nil when the
// site has no base URL (a relative address means nothing on paper).
func (v *View) QR() (*PrintQR, error) {
	if v.BaseURL == "" {
		return nil, nil
	}
	u := v.BaseURL + v.Path
	svg, err := qrSVG(u)
	if err != nil {
		return nil, err
	}
	return &PrintQR{URL: u, SVG: svg}, nil
}

// qrSVG draws the QR code of text as inline SVG: one path of black modules
// with the four-module quiet zone around them, sized by CSS. It uses no
// style attribute and no data: URI, so a strict Content-Security-Policy
// allows it.
func qrSVG(text string) (template.HTML, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	const quiet = 4
	n := c.Size + 2*quiet
	var d strings.Builder
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			run := 1
			for c.Black(x+run, y) {
				run++
			}
			d.WriteString("M" + strconv.Itoa(x+quiet) + " " + strconv.Itoa(y+quiet) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	size := strconv.Itoa(n)
	return template.HTML(`<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + size + ` ` + size + `" role="img" aria-label="QR: ` + template.HTMLEscapeString(text) + `">` +
		`<rect width="` + size + `" height="` + size + `" fill="#fff"/>` +
		`<path fill="#000" shape-rendering="crispEdges" d="` + d.String() + `"/></svg>`), nil
}
