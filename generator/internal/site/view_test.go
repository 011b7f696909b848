package site_test

import (
	"reflect"
	"strings"
	"testing"

	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// Layouts see the list of every city on the top pages only: a city's page
// that asks for it is an error at its place in the layout, so no theme can
// make a city's pages depend on other cities (and the incremental build
// need not look into the layouts to know).
func TestCityPagesSeeTheirCityOnly(t *testing.T) {
	fsys := incBase(t)
	edit(fsys, "themes/t/layouts/home.html", "<h1>{{.Title}}</h1>", "<h1>{{.Title}}</h1><p class=n>{{len .Cities}}</p>")
	files, _, err := site.BuildFiles(incOptions(fsys, ""))
	if err != nil {
		t.Fatalf("a top page listing every city: %v", err)
	}
	if home := string(files["en/index.html"]); !strings.Contains(home, "<p class=n>3</p>") {
		t.Errorf("the top page does not show the number of cities:\n%s", home)
	}

	fsys = incBase(t)
	edit(fsys, "themes/t/layouts/city.html", "<h2>", "<p>{{len .Cities}}</p><h2>")
	_, _, err = site.BuildFiles(incOptions(fsys, ""))
	if err == nil {
		t.Fatal("a city page listing every city built")
	}
	for _, want := range []string{"themes/t/layouts/city.html:", "Cities", ".City"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}

// Every method a layout can call on a View is called directly, not through
// reflection (viewcalls.go): a new method must be added there.
func TestViewMethodsCalledDirectly(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[*site.View](), reflect.TypeFor[*site.FlowNode]()} {
		for m := range typ.Methods() {
			if !gotext.HasDirectCall(typ, m.Name) {
				t.Errorf("%s.%s is not in viewcalls.go", typ, m.Name)
			}
		}
	}
}
