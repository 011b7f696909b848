// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	template "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
)

type strer struct{ s string }

func (s strer) String() string { return s.s }

// TestEscapersForOneArgument: each escaper's form for one argument (FV1)
// gives what the escaper gives that argument, for every content type, for
// values of other types and for pointers to them.
func TestEscapersForOneArgument(t *testing.T) {
	forms := []struct {
		name string
		f    func(...any) string
		f1   func(any) string
	}{
		{"attrEscaper", attrEscaper, forOne(attrEscaperOf)},
		{"cssEscaper", cssEscaper, forOne(cssEscaperOf)},
		{"cssValueFilter", cssValueFilter, forOne(cssValueFilterOf)},
		{"htmlNameFilter", htmlNameFilter, forOne(htmlNameFilterOf)},
		{"htmlEscaper", htmlEscaper, forOne(htmlEscaperOf)},
		{"jsRegexpEscaper", jsRegexpEscaper, forOne(jsRegexpEscaperOf)},
		{"jsStrEscaper", jsStrEscaper, forOne(jsStrEscaperOf)},
		{"jsTmplLitEscaper", jsTmplLitEscaper, forOne(jsTmplLitEscaperOf)},
		{"htmlNospaceEscaper", htmlNospaceEscaper, forOne(htmlNospaceEscaperOf)},
		{"rcdataEscaper", rcdataEscaper, forOne(rcdataEscaperOf)},
		{"urlEscaper", urlEscaper, forOne(urlEscaperOf)},
		{"urlFilter", urlFilter, forOne(urlFilterOf)},
		{"urlNormalizer", urlNormalizer, forOne(urlNormalizerOf)},
	}
	const tricky = `<a href="javascript:x('1 & 2')">x</a> 窓口 /é?q=a b#f`
	str := tricky
	args := []any{
		"", tricky, HTML(tricky), HTMLAttr(`title="` + tricky + `"`), CSS("color: red; " + tricky),
		JS("x < 1 && " + tricky), JSStr(tricky), URL("https://example.com/a b?c=<d>&é"), URL("javascript:alert(1)"),
		Srcset("a.png 1x, " + tricky), 42, 3.5, true, nil, &str, strer{tricky}, errors.New(tricky),
		[]string{"a", tricky}, struct{ A string }{tricky},
	}
	for _, e := range forms {
		for _, a := range args {
			want, got := e.f(a), e.f1(a)
			if got != want {
				t.Errorf("%s(%#v): one-argument form gives %q, the escaper %q", e.name, a, got, want)
			}
		}
	}
	// And through a template: the escapers are called with one argument.
	tmpl := Must(New("t").Parse(`<a href="{{.U}}" title="{{.T}}">{{.T}}</a><script>var x = "{{.T}}";</script>`))
	var got strings.Builder
	data := map[string]any{"U": "/a b?x=" + tricky, "T": tricky}
	if err := tmpl.Execute(&got, data); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`<a href="%s" title="%s">%s</a><script>var x = "%s";</script>`,
		attrEscaper(urlNormalizer(urlFilter(data["U"]))), attrEscaper(tricky), htmlEscaper(tricky), jsStrEscaper(tricky))
	if got.String() != want {
		t.Errorf("template:\n got %s\nwant %s", got.String(), want)
	}
}

// TestEscapersOnStrings: each escaper's form for strings (OnString), which
// actions call for a value of type string, gives what the escaper gives.
func TestEscapersOnStrings(t *testing.T) {
	n := 0
	for name, fn := range funcMap {
		c, ok := fn.(template.Caller)
		if !ok || c.StringForm() == nil {
			continue
		}
		n++
		esc := c.Func().(func(...any) string)
		for _, s := range []string{"", "plain", `<a href="javascript:x('1 & 2')">x</a> 窓口 /é?q=a b#f`, "javascript:alert(1)", "a\x00b\u2028 `${x}` /re/ -->", " \t\n=\"'"} {
			if got, want := c.StringForm()(s), esc(s); got != want {
				t.Errorf("%s(%q): form for strings gives %q, the escaper %q", name, s, got, want)
			}
		}
	}
	if n < 12 {
		t.Errorf("%d escapers have a form for strings, want 12 or more", n)
	}
}
