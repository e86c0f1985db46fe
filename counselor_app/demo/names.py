"""Invented Chinese names for the demo school: students, teachers and guardians.

Surnames follow their rough frequency in China, with a few that are read differently as surnames
(曾, 单, 解) and a few compound ones, so the pinyin search meets them. Given names mix common
characters with the rare ones that fonts and search must handle (喆 玥 堃 赟 珺 昇 淏 翀 旻 祎).
Everything comes from the generator passed in, so the same seed gives the same names.
"""

from __future__ import annotations

import random

# Most common first; a surname's weight falls with its place in the list.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤单解"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官")
BOY_CHARACTERS = "浩宇轩子梓俊杰博文泽睿明涛鹏昊然晨辰航一凯磊鑫哲瑞阳志伟嘉晟恒逸峻煜烨铭诚彦承锦天佑景骏毅政诺远皓翔宸乐"
GIRL_CHARACTERS = (
    "欣怡雨涵梓萱诗琪佳悦思彤语可馨婷雪颖妍瑶晴琳雅静一诺子依若月心曦婉芷安乐婧蕊然菲茜露"
)
# Characters missing from GB2312-only fonts and common in recent given names, with the sex they
# are usually given to ("" = either).
RARE_CHARACTERS = (
    ("喆", "M"),
    ("玥", "F"),
    ("堃", "M"),
    ("赟", "M"),
    ("珺", "F"),
    ("昇", "M"),
    ("淏", "M"),
    ("翀", "M"),
    ("旻", ""),
    ("祎", "F"),
)
ADULT_MEN = "建国华军伟强明平海涛波斌勇峰辉刚志东林春晓宏亮永新"
ADULT_WOMEN = "红梅丽芳霞英敏静燕玲娟艳秀兰慧琴萍洁莉娜丹春晓"
RARE_NAME_SHARE = 0.02
SINGLE_CHARACTER_NAME_SHARE = 0.22


class NameMaker:
    """Draws names from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._surname_weights = [1.0 / (rank + 4) for rank in range(len(SURNAMES))]

    def surname(self) -> str:
        if self._rng.random() < 0.004:
            return self._rng.choice(COMPOUND_SURNAMES)
        return self._rng.choices(SURNAMES, weights=self._surname_weights)[0]

    def child(self, sex: str, surname: str | None = None) -> str:
        pool = BOY_CHARACTERS if sex == "M" else GIRL_CHARACTERS
        length = 1 if self._rng.random() < SINGLE_CHARACTER_NAME_SHARE else 2
        given = [self._rng.choice(pool) for _ in range(length)]
        if length == 2 and given[0] == given[1] and self._rng.random() < 0.7:
            given[1] = self._rng.choice(pool)  # 叠字 names exist, but not this many
        if self._rng.random() < RARE_NAME_SHARE:
            given[-1] = self.rare_character(sex)
        return (surname or self.surname()) + "".join(given)

    def adult(self, sex: str, surname: str | None = None) -> str:
        pool = ADULT_MEN if sex == "M" else ADULT_WOMEN
        length = 1 if self._rng.random() < 0.3 else 2
        return (surname or self.surname()) + "".join(self._rng.choice(pool) for _ in range(length))

    def rare_character(self, sex: str) -> str:
        fitting = [c for c, usual in RARE_CHARACTERS if usual in ("", sex)]
        return self._rng.choice(fitting)

    def phone(self) -> str:
        """A mobile number that is plainly invented: 1380000 and four digits."""
        return f"1380000{self._rng.randrange(10000):04d}"


def with_rare_character(name: str, character: str) -> str:
    """The name with its last given-name character replaced (王浩宇 → 王浩喆)."""
    return name[:-1] + character if len(name) >= 2 else name + character
