import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePage } from '../../src/page/index.js';
import { matchBylineLine } from '../../src/page/cues.js';
import { START_WEIGHTS } from '../../src/page/starts.js';
import type { StartDecision } from '../../src/page/draft.js';

const page = (...blocks: string[]) => blocks.join('\n\n') + '\n';
const para = (topic: string) => `${topic}的消息传来，大家都很高兴，纷纷表示要继续努力工作，把${topic}的事情办得更好。`;

test('a kicker (…——) below the headline opens the first section of a series: its lines are body text', () => {
  const p = parsePage(page('山河新貌', '江南古镇——', '老街焕新颜 游人如织来', '本报记者  王某某', para('古镇'), para('老街')));
  assert.equal(p.articles.length, 1);
  const a = p.articles[0]!;
  assert.equal(a.headline?.text, '山河新貌');
  assert.deepEqual(a.decks, []);
  assert.equal(a.paragraphs[0]!.text, '江南古镇——');
});

test('a dateline cut by a column break right under the headings is the first paragraph, not a heading', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', '本报北京10月', `11日电  （记者王某某）${para('展销会')}`, para('农产品')));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.dateline?.text, '本报北京10月11日电');
  assert.equal(p.articles[0]!.headline?.text, '甲地举办秋季农产品展销会');
});

test('a line opening with a dateline is no byline, however short', () => {
  assert.equal(matchBylineLine('本报甲市10月6日电  （记者王某某）乙方委员会和'), null);
  assert.notEqual(matchBylineLine('本报记者  王某某'), null);
});

test('a headline closed by its column name in brackets opens an article', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '让好产品走得更远（今日谈）', para('好产品')));
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[1]!.headline?.text, '让好产品走得更远（今日谈）');
});

test('the next section of a series (kicker…—— and title) stays in the article', () => {
  const p = parsePage(page('山河新貌', '江南古镇——', '老街焕新颜 游人如织来', '本报记者  王某某', para('古镇'), para('老街'), '北方林场——', '新林连成片 山坡换绿装', '本报记者  李某某', para('林场')));
  assert.equal(p.articles.length, 1);
});

test('the next section of a series stays in the article after the byline closing the section before', () => {
  const p = parsePage(page('山河新貌', '江南古镇——', '老街焕新颜 游人如织来', para('古镇'), para('老街'), '（王某某）', '北方林场——', '新林连成片 山坡换绿装', para('林场'), '（李某某）'));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.paragraphs.length, 7);
});

test('a title over an author’s signature opens a contribution inside the article, not an article', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '让好产品走得更远', '王 某（甲市农业局局长）', para('好产品')));
  assert.equal(p.articles.length, 1);
});

test('a line leaving a bracket open is no heading: it continues in the next block', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '（据新', '华社电  记者王某某）', '让好产品走得更远（今日谈）', para('好产品')));
  assert.equal(p.articles.length, 2);
  assert.ok(p.articles.every((a) => a.paragraphs.length > 0));
});

test('an e-paper page ending with an author’s line is inline: the line closes the last article', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '让好产品走得更远', para('好产品'), '——甲市农业局局长王某某'));
  assert.ok(p.articles.length >= 1);
  assert.equal(p.articles[0]!.headline?.text, '甲地举办秋季农产品展销会');
  assert.ok(p.articles[0]!.paragraphs[0]!.text.startsWith('展销会'));
});

test('under a headline closed by a column tag, a long summary line with a comma opens the text', () => {
  const p = parsePage(page('让好产品走得更远（今日谈）', '好产品要走出去，离不开好渠道和好口碑的共同支撑', para('好产品')));
  assert.equal(p.articles.length, 1);
  assert.deepEqual(p.articles[0]!.decks, []);
  assert.equal(p.articles[0]!.paragraphs.length, 2);
});

test('a bare date in brackets under a headline is its deck', () => {
  const p = parsePage(page('在甲市秋季农产品展销会上的致辞', '（2019年9月30日）', para('展销会')));
  assert.deepEqual(p.articles[0]!.decks.map((d) => d.text), ['（2019年9月30日）']);
});

test('a long column tag does not count towards a headline’s length, nor do long headlines without clause marks', () => {
  const tag = '（甲乙丙丁 戊己庚辛 子丑寅卯 辰巳午未·深入开展秋季农产品展销宣传月活动）';
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), `让好产品走得更远${tag}`, para('好产品'), '甲省乙市丙县丁镇戊村己组农产品展销合作社举办第一届秋季农产品展销会暨好产品推介会', `本报甲市10月1日电  ${para('合作社')}`));
  assert.deepEqual(
    p.articles.map((a) => a.headline?.text),
    ['甲地举办秋季农产品展销会', `让好产品走得更远${tag}`, '甲省乙市丙县丁镇戊村己组农产品展销合作社举办第一届秋季农产品展销会暨好产品推介会'],
  );
});

test('a heading over a short text closed by a photographer’s byline opens a photo item', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '稻田金黄', '10月8日，农产品展销会上，市民在选购农产品。', '王某某摄'));
  assert.deepEqual(
    p.articles.map((a) => [a.headline?.text, a.kind]),
    [
      ['甲地举办秋季农产品展销会', 'news'],
      ['稻田金黄', 'photo'],
    ],
  );
});

test('a short line ending in a colon above a headline is its kicker, not a paragraph of the article before', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '乙地有关负责人：', '秋收秋种进展顺利', `本报乙地10月8日电  ${para('秋收')}`));
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[0]!.paragraphs.length, 2);
  assert.deepEqual([p.articles[1]!.headline?.text, p.articles[1]!.decks.map((d) => d.text)], ['秋收秋种进展顺利', ['乙地有关负责人：']]);
});

test('a bare name as a kicker (某某——) and a title label a portrait inside the article, even after the editor’s note', () => {
  const p = parsePage(page('写给家乡的话——', '致敬奋斗者', para('祖国'), '——编  者', '王大山——', '修好水渠富乡亲', para('水渠'), '李  红——', '三尺讲台育新人', para('讲台')));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.headline?.text, '致敬奋斗者');
});

test('the next signed contribution stays in the article even after the note on the author before it', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', '让好产品走得更远', '王 某（甲市农业局局长）', para('好产品'), '（作者为甲市农业局局长）', '让好口碑传得更广', '李 某（乙县县长）', para('好口碑')));
  assert.equal(p.articles.length, 1);
});

test('a speaker’s post and name under a title sign the next speech of forum excerpts, inside the article', () => {
  const p = parsePage(page('媒体融合发展论坛发言摘登', '让好产品走得更远', '甲市日报社总编辑  王  某', para('好产品'), '（王某某整理）', '让好口碑传得更广', '乙县融媒体中心主任  李某某', para('好口碑')));
  assert.equal(p.articles.length, 1);
  assert.ok(p.articles[0]!.paragraphs.some((x) => x.text === '让好口碑传得更广'));
});

test('a foreign author’s signature may hold a dash: （法国）让—某某', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '让好产品走得更远', '（法国）让—皮埃尔·某某', para('好产品')));
  assert.equal(p.articles.length, 1);
});

test('a line under the headline opening with a label (【人物】…) or a bullet (●…) opens the text, it is no deck', () => {
  for (const line of ['【人物】乡村教师王某某', '●甲地秋粮收购进度快于往年']) {
    const p = parsePage(page('一份坚守 一生奉献（暖闻热评）', line, para('坚守'), para('奉献')));
    assert.equal(p.articles.length, 1, line);
    assert.deepEqual(p.articles[0]!.decks, [], line);
    assert.equal(p.articles[0]!.paragraphs[0]!.text, line);
  }
});

test('a heading-like line whose text carries on after a column break (…活动家 / ，…) is the head of the first paragraph', () => {
  const p = parsePage(page('甲某某同志逝世', '著名的数学家、教育家和社会活动家', '，甲地民主人士的杰出代表，因病于10月8日逝世，享年90岁。', para('追思')));
  assert.equal(p.articles.length, 1);
  assert.deepEqual(p.articles[0]!.decks, []);
  assert.equal(p.articles[0]!.paragraphs[0]!.text.replace(/\s/g, ''), '著名的数学家、教育家和社会活动家，甲地民主人士的杰出代表，因病于10月8日逝世，享年90岁。');
});

test('a box label with a bullet (■记者手记) is no byline, and the title under it stays in the article', () => {
  assert.equal(matchBylineLine('■记者手记'), null);
  assert.notEqual(matchBylineLine('■本报记者 王某某'), null);
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '■记者手记', '好产品要走得更远', para('好产品')));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.byline, null);
  assert.equal(p.articles[0]!.paragraphs.length, 5);
});

test('under a column-tagged headline a long line without figures is the opening summary, comma or not; one with figures is a deck', () => {
  const summary = parsePage(page('让好产品走得更远（今日谈）', '让全社会形成支持农产品走出大山的共识和合力', para('好产品'), para('农产品')));
  assert.deepEqual(summary.articles[0]!.decks, []);
  assert.equal(summary.articles[0]!.paragraphs[0]!.text, '让全社会形成支持农产品走出大山的共识和合力');
  const deck = parsePage(page('让好产品走得更远（今日谈）', '前三季度，甲地农产品销售额增加十三点九万亿元', para('好产品'), para('农产品')));
  assert.deepEqual(deck.articles[0]!.decks.map((d) => d.text), ['前三季度，甲地农产品销售额增加十三点九万亿元']);
});

test('a note in brackets closing an article is no deck of the next one, even above its QR caption; a dated line in brackets is', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '（相关报道见第四版）', '乙地秋收忙', '扫码看视频', para('秋收')));
  assert.equal(p.articles.length, 2);
  assert.deepEqual(p.articles[1]!.decks, []);
  assert.equal(p.articles[0]!.paragraphs.at(-1)?.text, '（相关报道见第四版）');
  const dated = parsePage(page('在甲地农产品展销会上的讲话', '（2019年10月9日，甲地）', '扫码看视频', para('展销会')));
  assert.deepEqual(dated.articles[0]!.decks.map((d) => d.text), ['（2019年10月9日，甲地）']);
});

test('a cartoon’s credits (某 某图 某某文) close its article as a byline, even cut by a column break', () => {
  assert.notEqual(matchBylineLine('曹  一图  李  清文'), null);
  for (const credits of ['曹  一图  李  清文', '曹  一\n\n图  李  清文']) {
    const p = parsePage(page('图片报道', para('停车场'), '停车随时离场，', '缴费不必匆忙。', credits, '让好产品走得更远', para('好产品')));
    assert.equal(p.articles.length, 2);
    assert.equal(p.articles[0]!.byline?.text, '曹 一图 李 清文');
    assert.deepEqual(p.articles[1]!.decks, []);
  }
});

test('above a QR caption, a closing note cut by a column break stays with the article before; 引子 is a box label, no deck', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '（作者为甲地农业大', '学教授）', '让好产品走得更远（今日谈）', '扫码看视频', '引子', para('好产品')));
  assert.equal(p.articles.length, 2);
  assert.deepEqual(p.articles[1]!.decks, []);
  assert.equal(p.articles[1]!.paragraphs[0]!.text, '引子');
});

test('a dateline cut by a column break right under the headings opens an article even after plain text', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '乙地秋收忙', '本报乙地', `10月11日电  （记者王某某）${para('秋收')}`, para('粮食')));
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[1]!.headline?.text, '乙地秋收忙');
  assert.equal(p.articles[1]!.dateline?.text, '本报乙地10月11日电');
});

test('a note in brackets closing an article (（摘自…）, （…参与采写）) makes the next heading open one', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), para('农产品'), '（摘自某某在甲地展销会开幕式上的致辞）', '好产品要走得更远', para('好产品')));
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[1]!.headline?.text, '好产品要走得更远');
});

test('an e-paper page (no hard wraps) that opens with headings is inline, however many heading-like lines end it', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '让好产品走得更远', para('好产品'), '主办单位：甲地农业局', '承办单位：乙县农业合作社'));
  assert.equal(p.articles[0]!.headline?.text, '甲地举办秋季农产品展销会');
  assert.equal(p.articles[0]!.paragraphs[0]!.text, para('展销会'));
});

test('a photo agency’s name alone (人民视觉) and a quotation cut by a column break open no article', () => {
  const credit = parsePage(page('金秋田野', '图①：甲地农民在收割水稻。', '王某某  李某某摄影报道', '图②：乙地果园里的苹果红了，果农们忙着采摘。', '人民视觉', '图③：丙地的稻田金黄一片。'));
  assert.equal(credit.articles.length, 1);
  const quote = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '“现场看了展销会让我心潮澎', '湃。大家都说，今年的收成好。', para('收成')));
  assert.equal(quote.articles.length, 1);
  assert.ok(quote.articles[0]!.paragraphs.some((x) => x.text === '“现场看了展销会让我心潮澎湃。大家都说，今年的收成好。'));
});

test('a roundup of briefs under its banner (资讯速递) is one article: each brief’s title and 本报电 text are its body', () => {
  const p = parsePage(
    page(para('展销会'), '资讯速递', '甲地农产品展销会开幕', `本报电  ${para('展销会')}`, '（王某某）', '乙地秋收进展顺利', `本报电  ${para('秋收')}`, '（李某某）'),
  );
  const roundup = p.articles.find((a) => a.headline?.text === '资讯速递');
  assert.ok(roundup);
  assert.equal(p.articles.length, 2);
  assert.deepEqual(roundup.decks, []);
  assert.equal(roundup.paragraphs[0]!.text, '甲地农产品展销会开幕');
  assert.ok(roundup.paragraphs.some((x) => x.text === '乙地秋收进展顺利'));
});

test('a closing note with a credit after it (（…见第二版） ■据新华社) closes its article; it is no heading of the next', () => {
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '（相关报道见第二版） ■据新华社', '乙地秋收秋种进展顺利', para('秋收'), para('粮食')));
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.decks.length, a.credit?.text ?? null]), [['甲地举办秋季农产品展销会', 0, '新华社'], ['乙地秋收秋种进展顺利', 0, null]]);
});

test('a signature with its date (总理  某某 / 2019年9月30日) and a credit cut to 新华社 stay in their article', () => {
  const decree = parsePage(page('甲市人民政府令', para('条例'), '市长  王某某', '2019年9月30日', para('规定')));
  assert.equal(decree.articles.length, 1);
  const photo = parsePage(page('金秋田野', '图①：甲地农民在收割水稻，到处是一派丰收的景象。', '新华社', '记者  王某某摄', '图②：乙地果园里的苹果红了，果农们忙着采摘。'));
  assert.equal(photo.articles.length, 1);
});

test('a package its editor introduced (a note signed ——编  者) keeps its signed sections; a column-tagged headline ends it', () => {
  const sections = ['守护边境', '本报记者  王某某', para('边境'), '帮老乡收稻谷', '本报记者  李某某', para('稻谷')];
  const p = parsePage(page('他们在一线', para('坚守'), '——编  者', ...sections, '网销土特产见奇效（消费万花筒）', para('电商')));
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['他们在一线', '网销土特产见奇效（消费万花筒）']);
  assert.ok(p.articles[0]!.paragraphs.some((x) => x.text === '帮老乡收稻谷'));
  // Without the editor's note, a byline closes the text before, and the next headline opens an article.
  const apart = parsePage(page('他们在一线', para('坚守'), '（王某某）', ...sections));
  assert.deepEqual(apart.articles.map((a) => a.headline?.text).slice(0, 2), ['他们在一线', '守护边境']);
});

test('a composite report: sections whose title stands over a byline as the first one did under the banner stay in the article, titles as text', () => {
  const pomegranate = '走进攀枝花市仁和区大田镇，小型货车、三轮车来来往往，运送着刚采摘装箱的石榴。果农说今年又是丰收年。';
  const rice = '在吉林省舒兰市溪河镇，稻田合作社的九百多亩有机稻田被打造成小小“稻梦空间”，吸引游客前来观光。';
  const fruit = '10月8日，湖北省宜昌市夷陵区举办柑橘文化节，来自各地的客商云集于此，洽谈合作，签订订单。';
  const p = parsePage(page('金秋丰收图', '石榴熟了 生活甜了', '本报记者  王某某', pomegranate, '稻梦空间 静享安宁', '本报记者  李某某', rice, '柑橘之乡 美味美景', '田  泓  宋迈崎', fruit));
  // The third section's reporters stand alone under its title, padded as rmrb pads two-character names.
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.headline?.text, '金秋丰收图');
  assert.deepEqual(p.articles[0]!.decks, []);
  assert.deepEqual(p.articles[0]!.paragraphs.slice(0, 1).map((x) => x.text), ['石榴熟了 生活甜了']);
  // Without the banner, the second title over a byline opens an article of its own.
  const apart = parsePage(page('石榴熟了 生活甜了', '本报记者  王某某', pomegranate, '稻梦空间 静享安宁', '本报记者  李某某', rice));
  assert.deepEqual(apart.articles.map((a) => a.headline?.text), ['石榴熟了 生活甜了', '稻梦空间 静享安宁']);
});

test('a last heading line that leaves a quotation open, or whose text after is only a sentence’s end, is the head of the first paragraph', () => {
  const cases: [string, string, string][] = [
    ['第一部综合性百科全书', '综合性百科全书被誉为“没有围墙的大', '学”，体现一国学术水平和文化底蕴。'],
    ['不可阻挡的前进步伐', '历史车轮滚滚向前，时代潮流', '浩浩荡荡。'],
  ];
  for (const [headline, head, rest] of cases) {
    const a = parsePage(page(para('旧闻'), '（王某某）', headline, head, rest, para('正文'))).articles[1]!;
    assert.equal(a.headline?.text, headline);
    assert.deepEqual(a.decks, []);
    assert.equal(a.paragraphs[0]!.text, head + rest);
  }
});

test('after the note on an author (（作者为…）), a title over a bare name is the next signed contribution, not a new article', () => {
  const history = '在新中国成立70周年之际，一部简史的中英文版双双付梓，为研究和宣传新中国历史提供了权威读本。';
  const album = '一家出版社近日出版一本画册，选取几百幅摄影作品，力求在有限的瞬间展现新中国七十年来的历史。';
  const p = parsePage(page('书写奋斗历程（逐梦70年）', '史述中国', '魏海生', history, '（作者为某研究院副院长）', '图记变迁', '陈晓明', album));
  assert.equal(p.articles.length, 1);
  // After a reporter's byline in brackets, the same title and name open an article.
  const apart = parsePage(page('书写奋斗历程（逐梦70年）', history, '（王某某）', '图记变迁', '陈晓明', album));
  assert.equal(apart.articles.length, 2);
});

test('inside an article, a lone heading-like line before only a sentence’s end (…天河机场 / 航站楼。) is a paragraph cut by a column break', () => {
  const p = parsePage(page('军运会场馆准备就绪', para('场馆'), '代表团抵达武汉天河机场', '航站楼。', para('赛事')));
  assert.equal(p.articles.length, 1);
  assert.ok(p.articles[0]!.paragraphs.some((x) => x.text === '代表团抵达武汉天河机场航站楼。'));
});

test('a photo agency’s name over the next headings (新华社发) credits the picture of the article before, no kicker', () => {
  const p = parsePage(page('甲地秋收忙', para('秋收'), '图为农民在田间收割水稻。', '新华社发', '“70年是一个更加辉煌的开始”（点赞中国）', '——访某国前总统', para('访谈')));
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.decks.map((d) => d.text)]), [
    ['甲地秋收忙', []],
    ['“70年是一个更加辉煌的开始”（点赞中国）', ['——访某国前总统']],
  ]);
  assert.equal(p.articles[0]!.paragraphs.at(-1)?.text, '新华社发');
});

test('a reader’s place and name over the next letter’s title (广东深圳市  聂耀文) signs the letter before, no kicker', () => {
  const p = parsePage(page('体育课不应随意占用（来信）', para('体育课'), '广东深圳市  聂耀文', '图书馆应尽量便民（来信）', para('图书馆')));
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.decks.length]), [
    ['体育课不应随意占用（来信）', 0],
    ['图书馆应尽量便民（来信）', 0],
  ]);
  assert.equal(p.articles[0]!.paragraphs.at(-1)?.text, '广东深圳市 聂耀文');
});

test('the title and signature of the first contribution under a banner are its text, as the later contributions’ are', () => {
  const banner = '讲述亲历故事  见证发展历程（风从远方来——国际人士谈发展成就）';
  for (const signature of ['（甲国）阿里·某某', '（乙国）加林娜·维尼阿米诺夫娜·库利科娃', '甲市学会副会长、乙省协会副主任委员 王某某', '某大学新闻学院教授  宋某某']) {
    const p = parsePage(page(banner, '中国各地都散发着前进的活力', signature, para('发展'), para('合作')));
    assert.equal(p.articles.length, 1, signature);
    const a = p.articles[0]!;
    assert.equal(a.headline?.text, banner.replace('  ', ' '), signature);
    assert.deepEqual(a.decks, [], signature);
    assert.deepEqual(a.paragraphs.slice(0, 2).map((x) => x.text), ['中国各地都散发着前进的活力', signature.replace(/ +/g, ' ')], signature);
  }
});

test('a title over a document’s date in brackets (联合声明 / （二〇一九年十月十三日  甲市）) opens an article', () => {
  const cooperation = '双方同意加强在经贸、农业、旅游和人文等领域的合作，推动两国友好合作关系不断向前发展。';
  for (const date of ['（二〇一九年十月十三日  甲市）', '（2019年10月26日第一届甲市人民代表大会常务委员会第十次会议通过）']) {
    const p = parsePage(page('甲国与乙国发表联合声明', cooperation, cooperation.replace('双方', '两国'), '甲国和乙国关于加强合作的联合声明', date, cooperation.replace('经贸', '科技')));
    assert.equal(p.articles.length, 2, date);
    assert.equal(p.articles[1]!.headline?.text, '甲国和乙国关于加强合作的联合声明', date);
  }
});

test('a section kept in its article with its title lines over a byline: later sections of that shape stay too', () => {
  const note = '编者按：今天是扶贫日。本版聚焦几位扶贫干部，倾听他们在脱贫攻坚一线的故事。';
  const first = '头次登门，村里的扶贫干部就和老乡拉起了家常，问收成，问孩子上学，问看病的难处，一一记在本子上。';
  const second = '10月15日，山区迎来初雪。合作社的茶园里，工人们忙着给茶树覆膜保暖，今年春茶的订单已经排到了明年三月。';
  const p = parsePage(page('走出贫困 咱们这样干（干部新观察）', note, '甲省乙县丙村第一书记王某某', '不松劲儿，再难的关也能闯', '本报记者  赵某某', first, '丁省戊县己村村支书李某某', '既然来了，就不能辜负大家的信任', '本报记者  钱某某', second));
  assert.equal(p.articles.length, 1);
  assert.ok(p.articles[0]!.paragraphs.some((x) => x.text === '丁省戊县己村村支书李某某'));
});

test('a roundup under 速览· keeps its briefs, each a title over the paper’s own dateline', () => {
  const p = parsePage(
    page(para('展销会'), '（本报记者王某某）', '速览·国庆假期', `本报北京10月7日电  （记者甲某）${para('铁路运输')}`, '全国出入境人员超千万人次', `本报北京10月7日电  （记者乙某）${para('边检通关')}`, '安全形势总体平稳', `本报北京10月7日电  （记者丙某）${para('安全生产')}`),
  );
  assert.deepEqual(p.articles.map((a) => a.headline?.text ?? null), [null, '速览·国庆假期']);
  assert.ok(p.articles[1]!.paragraphs.some((x) => x.text === '安全形势总体平稳'));
});

test('a deck naming a feature’s genre (——…侧记) opens an article, even on the topic of the one before', () => {
  const forum = '第六届世界互联网大会媒体融合论坛在浙江乌镇举行，与会嘉宾围绕媒体融合发展、网络空间治理等议题深入交流。';
  const p = parsePage(page('媒体融合论坛在乌镇举行', forum, forum.replace('与会嘉宾', '中外嘉宾'), '用主流价值更好引领网络空间', '——第六届世界互联网大会媒体融合论坛侧记', forum.replace('举行', '隆重举行')));
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['媒体融合论坛在乌镇举行', '用主流价值更好引领网络空间']);
});

test('a note on where more is, at the end of a paragraph (…。（讲话全文见第六版）), closes the article; a line whose text after ends in a character or two is cut by a column break', () => {
  const meeting = '纪念某某先生诞辰100周年座谈会21日在京举行。与会者回顾了某某先生的光辉一生，强调要学习他的爱国情怀。';
  const closed = parsePage(page('纪念某某先生座谈会在京举行', `${meeting}（讲话全文见第六版）`, '座谈会上大家深切缅怀某某先生', `${meeting.replace('与会者', '大家')}`));
  assert.equal(closed.articles.length, 2);
  const cut = parsePage(page('纪念某某先生座谈会在京举行', `${meeting}（讲话全文见第六版）`, '全国政协副主席某某出席座谈', '会。全国政协副主席兼秘书长某某主持座谈会。'));
  assert.equal(cut.articles.length, 1);
  assert.ok(cut.articles[0]!.paragraphs.some((x) => x.text === '全国政协副主席某某出席座谈会。全国政协副主席兼秘书长某某主持座谈会。'));
});

test('the end of a closing credit a column break cut (…赵 / 某某、钱某某）) is no heading, and no text runs on past it', () => {
  for (const cut of [['（新华社北京10月1日电  记者张某、李某、赵', '某某、钱某某）'], ['（据新华', '社电  记者梅某某）']]) {
    const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), ...cut, '', '', '乙地秋收进展顺利', para('秋收')));
    assert.deepEqual(p.articles.map((a) => a.headline?.text), ['甲地举办秋季农产品展销会', '乙地秋收进展顺利'], cut[1]);
    assert.equal(p.articles[1]!.paragraphs[0]!.text, para('秋收'), cut[1]);
  }
});

test('a quotation’s attribution with a post in brackets (——某某（某大学教授）) is no column-tagged headline', () => {
  const site = '遗址宏大的规模、丰富的内涵及其反映出来的众多发明创造，代表了当时文明发展的新高度。';
  // In a package its editor introduced, only a column-tagged headline would end the article.
  const p = parsePage(page('揭开古代遗址的面纱', para('考古'), '——编  者', '“考古揭示了古都的大气象。”', '——王某某（某大学考古文博学院教授、考古学家）', site));
  assert.equal(p.articles.length, 1);
});

test('a lone line opening like a lede, a date and a comma (2017年9月，…), is a paragraph cut by a column break', () => {
  const harvest = ['金秋时节，甲县万亩稻田迎来丰收，收割机在田间往来穿梭，农户们脸上洋溢着喜悦。', '今年全县粮食播种面积稳中有增，优质稻占比超过六成，亩产比去年提高了五十多公斤。', '合作社理事长说，烘干中心建成后，稻谷当天收当天烘，再也不怕连阴雨了。'];
  const telescope = ['他把一生献给了射电天文事业，从选址到建成，历时二十多年，走遍了西南的大山。', '如今，这台望远镜已经发现了数百颗脉冲星，吸引各国科学家前来合作。'];
  const p = parsePage(page('甲地秋收忙', ...harvest, '2017年9月，原甲地天文台首席科学家兼总工程师王某', '某因病去世。走前，他实现了奋斗一生的梦想——建一台世界最大最强的射电望远镜。', ...telescope, '（本报记者  王某某）'));
  assert.equal(p.articles.length, 1);
  assert.ok(p.articles[0]!.paragraphs.some((x) => x.text.startsWith('2017年9月，原甲地天文台首席科学家兼总工程师王某某因病去世。')));
});

test('reports under a banner, each a title and deck over the same dateline as the first, are one article; another dateline opens one', () => {
  const report = (law: string) => `（记者王某）甲市人大常委会第十次会议21日审议了${law}草案。草案明确了有关部门的职责，完善了相关制度。`;
  const p = parsePage(page('甲市人大常委会会议审议多部法规草案', '物业管理条例草案提请审议', '明确业主委员会职责', `本报甲市10月21日电  ${report('物业管理条例')}`, '养老服务条例草案提请二审', '增加社区养老专章', `本报甲市10月21日电  ${report('养老服务条例')}`));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.headline?.text, '甲市人大常委会会议审议多部法规草案');
  assert.equal(p.articles[0]!.paragraphs[0]!.text, '物业管理条例草案提请审议');
  const apart = parsePage(page('甲市人大常委会会议审议多部法规草案', '物业管理条例草案提请审议', '明确业主委员会职责', `本报甲市10月21日电  ${report('物业管理条例')}`, '乙市举办秋季运动会', '千名市民参加比赛', `本报乙市10月21日电  ${report('全民健身条例')}`));
  assert.equal(apart.articles.length, 2);
});

test('a first line cut by a column break in the middle of a word the page uses elsewhere (…甲国联 / 邦共和国…) heads the first paragraph', () => {
  const visit = '邦共和国总统某某将于10月24日至26日对我国进行国事访问。';
  const more = '甲国联邦政府表示，期待此访推动两国关系迈上新台阶。双方将签署多项合作文件，甲国联邦议会也对此访寄予厚望。';
  const p = parsePage(page('甲国总统今起访华', '外交部发言人宣布', '应国家主席邀请，甲国联', visit, more));
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.paragraphs[0]!.text, `应国家主席邀请，甲国联${visit}`);
  assert.equal(p.articles[0]!.headline?.text === '应国家主席邀请，甲国联', false);
});

test('a roundup under …资讯 keeps its briefs; a column-tagged headline under a name kicker (某企业—— / …（中国品牌 中国故事）) opens an article', () => {
  const p = parsePage(page(para('医保'), '（本报记者王某某）', '医学资讯', '公立医院满意度调查启动', `本报电  ${para('满意度调查')}`, '（钟某）', '中医药调研报告发布', `本报电  ${para('中医药')}`, '（杨某）'));
  assert.deepEqual(p.articles.map((a) => a.headline?.text ?? null), [null, '医学资讯']);
  const q = parsePage(page('甲地——', '老街焕新颜', '本报记者  王某某', para('老街'), '乙电器——', '格外给力“中国造”（中国品牌 中国故事）', '本报记者  李某某', para('电器')));
  assert.equal(q.articles.length, 2);
});

test('a short line that exclaims right above a deck (——…) is its headline, and the deck heads no paragraph', () => {
  const p = parsePage(page('甲地秋收忙', para('秋收'), '（新华社北京10月1日电  记者王某）', '我爱你，中国！', '——庆祝新中国成立70周年联欢活动侧记', '欢庆的时刻，欢乐的海洋。', para('联欢')));
  assert.equal(p.articles.length, 2);
  const a = p.articles[1]!;
  assert.equal(a.headline?.text, '我爱你，中国！');
  assert.deepEqual(a.decks.map((d) => d.text), ['——庆祝新中国成立70周年联欢活动侧记']);
  assert.equal(a.paragraphs[0]!.text, '欢庆的时刻，欢乐的海洋。');
});

test('a long line right after the credit closing an article, before more text, is the next headline if it ends no sentence', () => {
  const headline = '某某将出席甲国际组织成员国政府首脑（总理）理事会第十八次会议并对甲国进行正式访问、出席乙合作领导人系列会议并对乙国进行正式访问';
  const p = parsePage(page('甲地举办秋季农产品展销会', para('展销会'), '（新华社北京10月25日电）', headline, `外交部发言人25日宣布：${para('访问')}`));
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['甲地举办秋季农产品展销会', headline]);
});

test('on an unwrapped page a headline set apart by two blank lines or more is not the next line of a list item before it', () => {
  const list = [para('丛书'), '书名：风云初记，作者：孙犁；书名：装台，作者：陈彦；书名：平凡的世界，作者：路遥；书名：白鹿原，作者：陈忠实'];
  const p = parsePage(page('长篇小说典藏丛书书目', ...list, '', '甲地妇女儿童工作成果发布会举行', `本报北京10月10日电  （记者杨某）${para('发布会')}`));
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['长篇小说典藏丛书书目', '甲地妇女儿童工作成果发布会举行']);
});

test('parsePage reports the start model’s decisions to an array given to it, and parses the same with or without one', () => {
  const text = page('甲地秋收忙', para('秋收'), '粮食入仓', para('粮仓'), '乙地举办展销会', para('展销会'));
  const decisions: StartDecision[] = [];
  assert.deepEqual(parsePage(text, decisions), parsePage(text));
  assert.ok(decisions.length > 0);
  for (const d of decisions) {
    assert.equal(d.features.length, START_WEIGHTS.length);
    assert.ok(text.slice(d.at).startsWith(para('粮仓')) || text.slice(d.at).startsWith(para('展销会')), `a decision at ${d.at}`);
  }
});
