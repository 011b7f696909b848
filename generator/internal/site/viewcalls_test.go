package site_test

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/config"

	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// The methods of the rules' types that the default theme calls on nearly
// every page are called directly, on a value and on its address.
func TestRulesMethodsCalledDirectly(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		name string
	}{
		{reflect.TypeFor[decide.Text](), "IsZero"},
		{reflect.TypeFor[decide.Text](), "In"},
		{reflect.TypeFor[rules.Text](), "IsZero"},
		{reflect.TypeFor[rules.Text](), "In"},
		{reflect.TypeFor[decide.Date](), "IsZero"},
		{reflect.TypeFor[rules.Schedule](), "Groups"},
	} {
		for _, typ := range []reflect.Type{c.typ, reflect.PointerTo(c.typ)} {
			if !gotext.HasDirectCall(typ, c.name) {
				t.Errorf("%s.%s is not called directly", typ, c.name)
			}
		}
	}
}

// {{if not .X.IsZero}} on the fields of a page's data allocates nothing.
func TestIsZeroAllocatesNothing(t *testing.T) {
	type data struct {
		A decide.Text
		B rules.Text
		D decide.Date
	}
	d := &data{D: decide.Date{Y: 2027, M: 4, D: 1}}
	tmpl := gotext.Must(gotext.New("t").Parse(`{{range 50}}{{if not $.A.IsZero}}{{end}}{{if not $.B.IsZero}}{{end}}{{if not $.D.IsZero}}{{end}}{{end}}`))
	empty := gotext.Must(gotext.New("t").Parse(`{{range 50}}{{end}}`))
	allocs := testing.AllocsPerRun(20, func() {
		if err := tmpl.Execute(io.Discard, d); err != nil {
			t.Fatal(err)
		}
	})
	base := testing.AllocsPerRun(20, func() { empty.Execute(io.Discard, d) })
	if allocs > base {
		t.Errorf("150 calls of IsZero allocated %v times, want none", allocs-base)
	}
}

// {{.Tx .Label}} is handed the text's address, not a copy of it on the
// heap, and writes the same for both.
func TestTxOfAFieldAllocatesNothing(t *testing.T) {
	type data struct {
		V *site.View
		R rules.Text
		D decide.Text
		L rules.Label
	}
	d := &data{
		V: &site.View{Lang: "en", Language: &config.Language{Code: "en", HTMLLang: "en"}},
		R: rules.Text{T: decide.TextOf("en", "Residence card", "ja", "在留カード")},
		D: decide.TextOf("en", "City hall", "ja", "市役所"),
		L: rules.Label{Text: decide.TextOf("en", "Seal", "ja", "印鑑")}, // written "" without the page's Words
	}
	for _, c := range []struct{ val, ptr any }{{d.R, &d.R}, {d.D, &d.D}, {d.L, &d.L}} {
		if a, b := d.V.Tx(c.val), d.V.Tx(c.ptr); a != b {
			t.Errorf("Tx of %T gives %q, of its address %q", c.val, a, b)
		}
	}
	var out strings.Builder
	tmpl := gotext.Must(gotext.New("t").Parse(`{{$.V.Tx $.R}}|{{$.V.Tx $.D}}`))
	if err := tmpl.Execute(&out, d); err != nil {
		t.Fatal(err)
	}
	if want := "Residence card|City hall"; out.String() != want {
		t.Errorf("the layout wrote %q, want %q", out.String(), want)
	}
	tmpl = gotext.Must(gotext.New("t").Parse(`{{range 50}}{{$.V.Tx $.R}}{{$.V.Tx $.D}}{{$.V.Tx $.L}}{{end}}`))
	empty := gotext.Must(gotext.New("t").Parse(`{{range 50}}{{end}}`))
	d.V.Tx(d.R) // the texts' HTML is kept from here on (package jatext)
	if raceEnabled {
		t.Skip("allocations are not counted under the race detector (its sync.Pool drops items at random)")
	}
	allocs := testing.AllocsPerRun(20, func() {
		if err := tmpl.Execute(io.Discard, d); err != nil {
			t.Fatal(err)
		}
	})
	base := testing.AllocsPerRun(20, func() { empty.Execute(io.Discard, d) })
	// One allocation holds the results (package gotemplate's boxes).
	if allocs > base+1 {
		t.Errorf("150 calls of Tx allocated %v times, want at most one", allocs-base)
	}
}
