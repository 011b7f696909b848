package site_test

import (
	"io"
	"reflect"
	"testing"

	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"github.com/tebiki/tebiki/generator/internal/rules"
	_ "github.com/tebiki/tebiki/generator/internal/site" // registers the direct calls
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
