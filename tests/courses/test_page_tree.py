"""The page tree: catalogue → programme → course → module, and nothing else."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CatalogPage, CoursePage, ModulePage, ProgrammePage
from tests.builders.pages import (
    make_catalog,
    make_competency,
    make_course,
    make_module,
    make_programme,
)
from tests.courses.forms import module_form_data, question_data


class TestParentAndSubpageRules(WagtailPageTestCase):
    def test_catalogue_holds_only_programmes(self):
        self.assertAllowedSubpageTypes(CatalogPage, {ProgrammePage})

    def test_programme_holds_only_courses(self):
        self.assertAllowedSubpageTypes(ProgrammePage, {CoursePage})

    def test_course_holds_only_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})

    def test_module_holds_nothing(self):
        self.assertAllowedSubpageTypes(ModulePage, set())

    def test_catalogue_sits_under_a_plain_page(self):
        self.assertAllowedParentPageTypes(CatalogPage, {Page})

    def test_programme_sits_under_a_catalogue_or_plain_page(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {CatalogPage, Page})

    def test_course_sits_only_under_a_programme(self):
        self.assertAllowedParentPageTypes(CoursePage, {ProgrammePage})

    def test_module_sits_only_under_a_course(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_each_level_can_be_created_under_the_one_above(self):
        self.assertCanCreateAt(Page, CatalogPage)
        self.assertCanCreateAt(CatalogPage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, CoursePage)
        self.assertCanCreateAt(CoursePage, ModulePage)

    def test_module_cannot_skip_the_course(self):
        self.assertCanNotCreateAt(ProgrammePage, ModulePage)
        self.assertCanNotCreateAt(CatalogPage, ModulePage)
        self.assertCanNotCreateAt(Page, ModulePage)

    def test_course_cannot_skip_the_programme(self):
        self.assertCanNotCreateAt(CatalogPage, CoursePage)
        self.assertCanNotCreateAt(Page, CoursePage)

    def test_nothing_goes_under_a_module(self):
        for model in (CatalogPage, ProgrammePage, CoursePage, ModulePage):
            self.assertCanNotCreateAt(ModulePage, model)


class TestPagesRender(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalog = make_catalog()
        cls.programme = make_programme(cls.catalog)
        cls.course = make_course(cls.programme)
        cls.module = make_module(cls.course)

    def test_catalogue_renders(self):
        self.assertPageIsRenderable(self.catalog)

    def test_programme_renders(self):
        self.assertPageIsRenderable(self.programme)

    def test_course_renders(self):
        self.assertPageIsRenderable(self.course)

    def test_module_renders(self):
        self.assertPageIsRenderable(self.module)

    def test_module_is_previewable(self):
        make_competency(name="De-escalation")
        data = module_form_data(
            title=self.module.title,
            slug=self.module.slug,
            body=[("markdown", "Hello **there**."), ("question", question_data())],
        )

        self.assertPageIsPreviewable(self.module, post_data=data)

    def test_each_level_lists_the_live_pages_below_it(self):
        pages = [self.catalog, self.programme, self.course]
        children = [self.programme, self.course, self.module]

        for page, child in zip(pages, children, strict=True):
            html = self.client.get(page.url).content.decode()
            self.assertIn(f'href="{child.url}"', html, page)


class TestModuleNeighbours(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        course = make_course()
        cls.first = make_module(course, title="First", slug="first")
        cls.draft = make_module(course, title="Draft", slug="draft", live=False)
        cls.second = make_module(course, title="Second", slug="second")
        cls.third = make_module(course, title="Third", slug="third")

    def context_of(self, page):
        return self.client.get(page.url).context

    def test_middle_module_links_both_ways(self):
        context = self.context_of(self.second)

        self.assertEqual(context["previous_module"].pk, self.first.pk)
        self.assertEqual(context["next_module"].pk, self.third.pk)

    def test_position_counts_live_modules_only(self):
        context = self.context_of(self.second)

        self.assertEqual((context["position"], context["module_count"]), (2, 3))
        self.assertContains(self.client.get(self.second.url), "Module 2 of 3")

    def test_first_module_has_no_previous(self):
        context = self.context_of(self.first)

        self.assertIsNone(context["previous_module"])
        self.assertEqual(context["next_module"].pk, self.second.pk)
        self.assertEqual(context["position"], 1)

    def test_last_module_has_no_next(self):
        context = self.context_of(self.third)

        self.assertEqual(context["previous_module"].pk, self.second.pk)
        self.assertIsNone(context["next_module"])
        self.assertEqual(context["position"], 3)
