"""The `bullets` filter renders a bullet tree as the card shows it, escaping every text."""

from django.template import Context, Template

from sangsaeng.web.templatetags.sangsaeng_tags import bullets


def test_it_nests_the_tree_and_marks_only_the_top_list_of_an_activity() -> None:
    tree = [{"text": "첫째", "children": [{"text": "둘째", "children": [{"text": "셋째", "children": []}]}]}]
    assert bullets(tree) == (
        '<ul class="bullet-tree"><li>첫째<ul class="bullet-tree"><li>둘째'
        '<ul class="bullet-tree"><li>셋째</li></ul></li></ul></li></ul>'
    )
    assert bullets(tree, "sub").startswith(
        '<ul class="bullet-tree bullet-tree--sub"><li>첫째<ul class="bullet-tree">'
    )


def test_it_escapes_every_text_and_tolerates_odd_nodes() -> None:
    tree = [{"text": '<script>alert(1)</script> & "따옴표"'}, "문자열 노드", {"children": [{"text": "<b>"}]}]
    html = bullets(tree)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;따옴표&quot;" in html
    # As the template did: a node that is not a dict is an empty item; a missing text is empty.
    assert "<li></li>" in html and '<li><ul class="bullet-tree"><li>&lt;b&gt;</li></ul></li>' in html
    assert bullets(None) == '<ul class="bullet-tree"></ul>'


def test_it_is_safe_in_a_template() -> None:
    out = Template('{{ tree|bullets:"sub" }}').render(Context({"tree": [{"text": "a<b"}]}))
    assert out == '<ul class="bullet-tree bullet-tree--sub"><li>a&lt;b</li></ul>'
