package theme

import (
	template "github.com/tebiki/tebiki/generator/internal/gotemplate/html"
	"strings"
	"testing"
)

// A page whose minified layout fails to render, while the layout as written
// renders, is written from the layout as written (the minifier is not
// trusted to keep every layout working); when both fail, the error is the
// one of the layout as written, whose positions are those of its source.
func TestRenderFallsBackToPlainLayout(t *testing.T) {
	parse := func(src string) *template.Template {
		return template.Must(template.New("layouts/page.html").Parse(src))
	}
	plain := parse("{{define \"base\"}}<p>\n  {{.Name}}\n</p>{{end}}")
	th := &Theme{
		layouts:  map[string]*template.Template{"page": parse(`{{define "base"}}<p>{{.Missing}}</p>{{end}}`)},
		plain:    map[string]*template.Template{"page": plain},
		Minified: true,
	}
	got, err := th.Render("page", struct{ Name string }{"x"})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if want := "<p>\n  x\n</p>"; string(got) != want {
		t.Errorf("Render = %q, want %q (the layout as written)", got, want)
	}

	th.plain["page"] = parse("{{define \"base\"}}<p>\n  {{.Other}}\n</p>{{end}}")
	_, err = th.Render("page", struct{ Name string }{"x"})
	if err == nil || !strings.Contains(err.Error(), "layouts/page.html:2:") || !strings.Contains(err.Error(), "Other") {
		t.Errorf("Render error = %v, want the error at line 2 of the layout as written", err)
	}
}
