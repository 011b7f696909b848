package site

// Progress hears how a build goes (see Options.Progress).
type Progress func(stage string, done, total int)

// The stages of a build, in order.
const (
	StageLoading   = "loading"   // reading and checking the input
	StageRendering = "rendering" // done of total pages rendered and written
	StageFinishing = "finishing" // checking links between pages, putting the output in place
)

func (p Progress) report(stage string, done, total int) {
	if p != nil {
		p(stage, done, total)
	}
}

// toRender lists the pages this build renders: all of them, or in a
// partial build those of the cities it renders and of no city.
func (s *Site) toRender() []*Page {
	if s.only == nil {
		return s.Pages
	}
	var pages []*Page
	for _, p := range s.Pages {
		if s.rendered(groupOf(p)) {
			pages = append(pages, p)
		}
	}
	return pages
}
