from hypothesis import given
from hypothesis import strategies as st

from sangsaeng.lib import bullets

SAMPLE = """о 한뿌리상생위원회 기능 및 위상 강화
   • 공동위원장을 경상북도지사·대구시장으로 격상
   • 실무분과위원회 설치 근거 마련 등 운영 강화
о 대구‧경북 상생협력과제 발굴 및 추진
   • 국비확보 등 핵심 현안문제는 긴밀한 소통과 대화로 협력 강화
     - 세부 사항"""


def test_it_reads_the_markers_officials_type() -> None:
    tree = bullets.parse(SAMPLE)
    assert [n["text"] for n in tree] == [
        "한뿌리상생위원회 기능 및 위상 강화",
        "대구‧경북 상생협력과제 발굴 및 추진",
    ]
    assert len(tree[0]["children"]) == 2
    assert tree[1]["children"][0]["children"][0]["text"] == "세부 사항"


def test_it_reads_indentation_without_markers() -> None:
    tree = bullets.parse("첫째\n  둘째\n    셋째\n넷째")
    assert tree[0]["children"][0]["children"][0]["text"] == "셋째"
    assert tree[1]["text"] == "넷째"


text_item = st.text(alphabet=st.characters(whitelist_categories=("Lo", "Nd")), min_size=1, max_size=20)
leaf = st.fixed_dictionaries({"text": text_item, "children": st.just([])})
level1 = st.fixed_dictionaries({"text": text_item, "children": st.lists(leaf, max_size=3)})
tree_strategy = st.lists(
    st.fixed_dictionaries({"text": text_item, "children": st.lists(level1, max_size=3)}), max_size=4
)


@given(tree_strategy)
def test_property_text_round_trips(tree: list[dict[str, object]]) -> None:
    assert bullets.parse(bullets.to_text(tree)) == tree
