import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignHeadings, blockPairFeatures, bodyCharacters, boundaryRows, candidates, trailingZones } from '../../src/page/trailing.js';
import { PageTrigrams } from '../../src/page/similarity.js';
import { pageUnits } from '../../src/page/units.js';
import { cohesionFeatures, PAIR_WEIGHTS, startProbability } from '../../src/page/starts.js';
import { parsePage } from '../../src/page/index.js';

test('trailingZones: a body unit after page furniture is marked closed; headings after all text are blocks', () => {
  const page = ['第一篇文章的正文到这里结束了。', '版式设计：张丹峰', '第二篇文章从这里开始写起来。', '第一篇的标题', '第二篇的标题', ''].join('\n\n');
  const zones = trailingZones(page, pageUnits(page));
  assert.deepEqual(zones.closed, [false, true]);
  assert.deepEqual(zones.intertitle, [false, false]);
  assert.deepEqual(zones.blocks.map((b) => b.map((l) => l.text)), [['第一篇的标题'], ['第二篇的标题']]);
  assert.equal(zones.noise.length, 1);
});

test('trailingZones: a photographer’s byline (…摄) is marked, as the end of a photo item', () => {
  const page = ['第一篇文章的正文到这里结束了。', '10月8日，乙县农民在田间收割水稻。', '王某某摄', '（本报记者李某某）', '第一篇的标题', '稻田金黄', ''].join('\n\n');
  const zones = trailingZones(page, pageUnits(page));
  assert.deepEqual(zones.photo, [false, false, true, false]);
});

test('cohesionFeatures: nil cohesion is a step of its own', () => {
  assert.deepEqual(cohesionFeatures(0), [0, 1]);
  assert.deepEqual(cohesionFeatures(0.2), [0.2, 0]);
});

test('trailing layout: a deck (——…) stays with the headline before it', () => {
  const para = (topic: string) => `${topic}的消息传来，大家都很高兴，纷纷表示要继续努力工作，把${topic}的事情办得更好。`;
  const page = [para('展销会'), para('农产品'), '（本报记者王某某）', para('秋收'), para('粮食'), '甲地展销会开幕', '——农产品走俏各地', '乙地秋收忙', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.deepEqual(p.articles[0]!.decks.map((d) => d.text), ['——农产品走俏各地']);
  assert.equal(p.articles[1]!.headline?.text, '乙地秋收忙');
});

test('blockPairFeatures: a kicker (…——) and a headline go together, two column-tagged headlines never do', () => {
  const together = (a: string, b: string) => startProbability(blockPairFeatures([a], [b]), PAIR_WEIGHTS);
  assert.ok(together('甲地乙地推进秋季展销活动——', '让好产品走得更远') > 0.9);
  assert.ok(together('让好产品走得更远（今日谈）', '读书让生活更美好（锐评）') < 0.05);
});

/** Hard-wraps a paragraph to a column of `width` characters, like a PDF extraction. */
function column(p: string, width = 18): string {
  const lines: string[] = [];
  for (let i = 0; i < p.length; i += width) lines.push(p.slice(i, i + width));
  return lines.join('\n');
}

const story = (topic: string) =>
  column(`${topic}的消息传来，大家都很高兴，纷纷表示要继续努力工作，把${topic}的事情办得更好，让更多的人分享发展的成果，过上更好的日子。${topic}是件大事，办好${topic}需要大家齐心协力。`);

/** A page's trailing zones and the boundary rows of its body units. */
function rowsOf(page: string) {
  const zones = trailingZones(page, pageUnits(page));
  const trigrams = new PageTrigrams(zones.body.flatMap((u) => (u.type === 'body' ? [u.text] : [])));
  return { zones, rows: boundaryRows(zones, zones.blocks.flat().map((l) => l.text), trigrams, bodyCharacters(zones.body)) };
}

test('trailing layout: on a wrapped page the unwrapped blocks after the text are headings, a kicker ending in a colon too', () => {
  const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('秋收'), story('粮食'), story('仓储'), '甲地展销会开幕', '乙地有关负责人：', '秋收秋种进展顺利', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[0]!.headline?.text, '甲地展销会开幕');
  assert.deepEqual([p.articles[1]!.headline?.text, ...p.articles[1]!.decks.map((d) => d.text)].sort(), ['乙地有关负责人：', '秋收秋种进展顺利'].sort());
});

test('pageUnits: a note in brackets after a finished sentence (…。（详见第二版）) closes the paragraph', () => {
  const page = [story('展销会'), story('订单') + '\n（详见第二版）', '甲地展销会开幕', ''].join('\n\n');
  const units = pageUnits(page);
  assert.deepEqual(units.map((u) => u.type), ['body', 'body', 'heading']);
});

test('trailing layout: a commentary whose lead echoes no heading starts where the text turns to its headline’s words', () => {
  const page = [
    '本报北京10月1日电  农产品展销会今天在北京开幕，来自各地的农产品琳琅满目，吸引了大批市民前来选购。',
    '展销会上，苹果、梨、大枣等时令水果最受欢迎，不少摊位前排起了长队，农户们笑得合不拢嘴。',
    '据介绍，本届展销会为期一周，共有三百多家农业企业和合作社参展，预计成交额将创新高。',
    '读书是一种习惯。一本好书，能让人在书页间读出天地的广阔，读书的人心里有光。',
    '多读书、读好书，让读书成为生活方式，书香社会才会一步步建成，读书的乐趣才会代代相传。',
    '本报上海10月1日电  上海港集装箱吞吐量再创新高，港口码头一派繁忙景象，集装箱卡车往来穿梭。',
    '上海港负责人表示，港口将继续提升服务水平，集装箱航线覆盖全球主要港口。',
    '农产品展销会在京开幕',
    '让读书成为生活方式（今日谈）',
    '上海港集装箱吞吐量创新高',
    '',
  ].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(
    p.articles.map((a) => [a.headline?.text, a.paragraphs.length]),
    [
      ['农产品展销会在京开幕', 3],
      ['让读书成为生活方式（今日谈）', 2],
      ['上海港集装箱吞吐量创新高', 2],
    ],
  );
});

test('trailing layout: a block after a deck standing alone (——…) goes to the next article', () => {
  const page = [story('展销会'), story('农产品'), story('秋收'), story('粮食'), '甲地展销会开幕', '——农产品走俏各地', '从展销会看秋收（今日谈）', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.deepEqual(p.articles[0]!.decks.map((d) => d.text), ['——农产品走俏各地']);
  assert.equal(p.articles[0]!.paragraphs.length, 2);
  assert.equal(p.articles[1]!.headline?.text, '从展销会看秋收（今日谈）');
});

test('trailing layout: a dated deck in brackets after the text of a wrapped page is a heading', () => {
  const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('条例'), story('规定'), story('办法'), '甲地展销会开幕', '关于条例和规定的决定', '（2019年10月8日甲地人民代表大会常务委员会第五次会议通过）', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[1]!.headline?.text, '关于条例和规定的决定');
  assert.deepEqual(p.articles[1]!.decks.map((d) => d.text), ['（2019年10月8日甲地人民代表大会常务委员会第五次会议通过）']);
});

test('trailing layout: a short dated deck in brackets, in digits or in Chinese numerals, is a heading too', () => {
  for (const deck of ['（2019年10月13日，甲地）', '（二〇一九年十月十三日  甲地）']) {
    const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('声明'), story('合作'), story('友谊'), '甲地展销会开幕', '甲乙两地联合声明', deck, ''].join('\n\n');
    const p = parsePage(page);
    assert.deepEqual(p.articles.map((a) => a.headline?.text), ['甲地展销会开幕', '甲乙两地联合声明'], deck);
    assert.deepEqual(p.articles[1]!.decks.map((d) => d.text), [deck.replace(/\s+/g, ' ')]);
  }
});

test('trailing layout: a headline after the text may exclaim when a deck (——…) follows it; a short last paragraph may not', () => {
  const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('秋收'), story('粮食'), story('仓储'), '大家干劲十足！', '甲地展销会开幕', '“我们一定能把粮食收好！”', '——乙地秋收纪实', ''].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['甲地展销会开幕', '“我们一定能把粮食收好！”']);
  assert.deepEqual(p.articles[1]!.decks.map((d) => d.text), ['——乙地秋收纪实']);
  assert.equal(p.articles[1]!.paragraphs.at(-1)!.text, '大家干劲十足！');
});

test('trailing layout: a line naming who else attended (…参加会见。) closes an article', () => {
  const page = [story('会见'), story('友谊'), '王某某、李某某参加会见。', story('秋收'), story('粮食'), '甲某会见乙国客人', '乙地秋收忙', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[0]!.paragraphs.at(-1)?.text, '王某某、李某某参加会见。');
  assert.equal(p.articles[1]!.headline?.text, '乙地秋收忙');
});

test('boundaryRows: a byline before, with cohesion across the gap not nil, is evidence of its own', () => {
  // Two articles on one topic share words: the closing line says more there than the missing step of cohesion.
  const page = [
    column('甲地今年秋粮丰收，农民喜笑颜开，合作社忙着收购新粮。'),
    column('乙国青年交流中心今年接待了许多来访的青年学者和学生。'),
    '（作者为甲国驻乙国大使）',
    column('乙国青年交流中心举办的研讨会上，学者们畅谈合作前景。'),
    column('丙市的港口货运量持续增长，航线不断加密。'),
    '友谊之花常开',
    '合作之路越走越宽',
    '',
  ].join('\n\n');
  const { rows } = rowsOf(page);
  // The feature stands before the two topical ones (session 5), the closing note and the four split gain ones (session 9).
  const last = (unit: number) => rows.find((r) => r.unit === unit)!.features.at(-8);
  assert.equal(last(3), 1);
  assert.equal(last(1), 0);
  assert.equal(last(4), 0);
});

test('trailing layout: the text of a box (核心阅读) goes with its label, not into an article of its own', () => {
  const page = ['核心阅读', column('秋收秋种是农业生产的大事，各地抓紧抢收抢种。'), story('秋收'), story('粮食'), '（本报记者王某某）', story('展销会'), story('农产品'), '各地秋收秋种进展顺利', '甲地展销会开幕', ''].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.paragraphs[0]?.text, a.paragraphs.length]), [
    ['各地秋收秋种进展顺利', '核心阅读', 4],
    ['甲地展销会开幕', story('展销会').replace(/\n/g, ''), 2],
  ]);
});

test('pageUnits: a byline whose bracket a column break left open goes on in the next block', () => {
  const page = [story('展销会'), '（本报记者王某某、李某某、赵某\n某、钱某某、孙某某、周', '某某、吴某某）', story('秋收'), '甲地展销会开幕', '乙地秋收忙', ''].join('\n\n');
  const units = pageUnits(page);
  assert.deepEqual(units.map((u) => u.type), ['body', 'byline', 'body', 'heading', 'heading']);
  const p = parsePage(page);
  assert.equal(p.articles[0]!.byline?.text, '本报记者王某某、李某某、赵某某、钱某某、孙某某、周某某、吴某某');
});

test('candidates: a unit after page furniture (版式设计：…) is a strong candidate for a start, whatever the boundary model says', () => {
  const page = [story('展销会'), story('农产品'), '版式设计：王某某', story('农产品'), story('展销会'), '甲地展销会开幕', '乙地秋收忙', ''].join('\n\n');
  const { zones, rows } = rowsOf(page);
  assert.deepEqual(zones.closed, [false, false, true, false]);
  const blocks = zones.blocks.map((b) => b.map((l) => l.text));
  const after = candidates(rows, blocks, zones).find((c) => c.unit === 2);
  assert.ok(after && after.bonus >= 2, `bonus ${after?.bonus}`);
});

test('trailing layout: an article does not run on past the byline line that closes it', () => {
  const text = (n: number) => column(`读书让人明理，第${n}次读书会上，大家畅谈读书的体会，让读书成为习惯。`);
  const last = column('说到底，读书让人明理，读一本好书，就是和高尚的人谈话。');
  const other = (n: number) => column(`父母是孩子的第一任老师，第${n}堂课往往就在饭桌旁，言传身教最要紧。`);
  const page = [text(1), text(2), last, '（作者为甲大学教授）', other(1), other(2), '读书让人明理', '书香社会从家庭做起（今日谈）', ''].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.paragraphs.length, a.byline?.text ?? null]), [
    ['读书让人明理', 3, '作者为甲大学教授'],
    ['书香社会从家庭做起（今日谈）', 2, null],
  ]);
});

test('trailing layout: of two dated paragraphs, the article starts where the text turns to other things (segment cost)', () => {
  const rain = [
    '今年汛期，长江上游降雨偏多，三峡水库水位持续上涨，库区各地加强巡查，防汛队伍日夜值守。',
    '水文部门说，入库流量一度超过每秒五万立方米，水库拦洪削峰，下游水位平稳回落。',
    '库区群众说，水位上涨时，防汛队员挨家挨户提醒转移，大家心里踏实。',
  ];
  const jump = [
    '10月20日，军运会跳伞比赛在武汉汉南机场举行，各国运动员从飞机舱门纵身跃下，伞花朵朵。',
    '跳伞是勇敢者的运动，选手要在空中完成规定动作，再精准落在靶心。',
    '10月21日，一名选手说，第一次来中国参赛，观众的热情让他难忘，赛场的服务也很周到。',
  ];
  // The headlines echo neither text, and both dated paragraphs read like a lede.
  const page = [...rain, ...jump].map((p) => column(p)).join('\n\n') + '\n\n好消息传来\n\n新气象可期\n';
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => a.paragraphs.length), [3, 3]);
  assert.match(p.articles[1]!.paragraphs[0]!.text, /^10月20日，军运会跳伞/);
});

test('trailing layout: no text runs on into the headings after it, however its last block ends (a source note, a date)', () => {
  for (const close of ['数据来源：甲市统计局', '甲市人民政府  2019年10月17日']) {
    const last = column(`粮食的消息传来，大家都很高兴，纷纷表示要继续努力工作，把粮食的事情办得更好，让更多的人分享发展的成果。　　${close}`);
    const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('秋收'), story('仓储'), last, '甲地展销会开幕', '乙地秋收秋种进展顺利', ''].join('\n\n');
    const p = parsePage(page);
    assert.deepEqual(
      p.articles.map((a) => a.headline?.text),
      ['甲地展销会开幕', '乙地秋收秋种进展顺利'],
      close,
    );
    assert.match(p.articles[1]!.paragraphs.at(-1)!.text, /来源|日$/);
  }
});

test('trailing layout: a photo report’s 图片报道 is the only heading of its item, never another article’s kicker or deck', () => {
  const caption = column('近日，乙县农民在田间收割水稻，到处是一派丰收的景象，展销会的农产品也来自这里。');
  const page = [caption, story('展销会'), story('农产品'), story('订单'), story('秋收'), story('粮食'), '图片报道', '甲地展销会开幕', ''].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => [a.headline?.text, a.decks.length]), [['图片报道', 0], ['甲地展销会开幕', 0]]);
});

test('trailing layout: under a roundup’s banner (资讯速递) the roundup opens with its first brief’s title and keeps every brief', () => {
  const essay = column('今年秋天，甲地举办了一场规模空前的农产品展销会，来自各地的客商云集于此，洽谈合作，签订订单。展销会期间，特色农产品备受欢迎，许多摊位前排起了长队。');
  const more = column('展销会的成功举办，带动了当地乡村旅游的发展，越来越多的游客慕名而来，采摘果蔬，品尝美食。当地干部表示，将继续办好展销会，让好产品走得更远。');
  const brief = (title: string, text: string, name: string) => [title, column(`本报电  ${text}`), `（${name}）`];
  const page = [
    essay, more, essay, more,
    ...brief('航天员完成出舱任务', '近日，航天员圆满完成出舱活动，各项操作顺利进行，空间站运行状态良好。', '王某某'),
    ...brief('高铁新线开通运营', '日前，一条新建高速铁路正式开通运营，沿线城市之间的旅行时间大幅缩短。', '李某某'),
    ...brief('新版图书馆对外开放', '近日，新建成的市图书馆对外开放，馆藏图书达到两百万册，市民可免费借阅。', '张某某'),
    '甲地展销会开幕', '资讯速递', '',
  ].join('\n\n');
  const p = parsePage(page);
  assert.deepEqual(p.articles.map((a) => a.headline?.text), ['甲地展销会开幕', '资讯速递']);
  assert.equal(p.articles[1]!.paragraphs[0]!.text, '航天员完成出舱任务');
  assert.ok(p.articles[1]!.paragraphs.some((x) => x.text === '新版图书馆对外开放'));
});

test('boundaryRows: after who else attended, however long the list (…等出席有关活动。), an article may start', () => {
  const closing = column('国务委员兼外交部长王某某，全国政协副主席、国家发展和改革委员会主任李某某，全国政协副主席赵某某等出席有关活动。');
  const page = [story('会谈'), story('合作'), closing, story('世园会'), story('展览'), '甲某同乙国总理会谈', '世园会交出精彩答卷', ''].join('\n\n');
  const { rows } = rowsOf(page);
  // The closing-sentence feature stands before the closed-and-nil one, the two topical ones, the closing note and the
  // four split gain ones.
  const closed = (unit: number) => rows.find((r) => r.unit === unit)!.features.at(-10);
  assert.equal(closed(3), 1);
  assert.equal(closed(2), 0);
});

test('boundaryRows: the last features are what splitting the text before the unit saves, more between two stories than inside one, and by how much more than next door', () => {
  const flood = ['长江水文网实时水情显示，三峡水库水位冲刺一百七十五米。', '三峡水库蓄水以来，长江中下游水位平稳，水库调度有序。'];
  const jump = ['军运会跳伞项目在武汉举行，跳伞运动员从飞机上跳下。', '跳伞运动员在武汉上空打开降落伞，军运会观众欢呼。'];
  const page = [...flood, ...jump].map((p) => column(p)).concat(['三峡水库蓄水平稳', '军运会跳伞比赛开赛', '']).join('\n\n');
  const { rows } = rowsOf(page);
  // The pair for the 400-character window, before the pair for 1,000.
  const split = (unit: number) => rows.find((r) => r.unit === unit)!.features.at(-4)!;
  const peak = (unit: number) => rows.find((r) => r.unit === unit)!.features.at(-3)!;
  assert.ok(split(2) > 0);
  assert.ok(split(2) > split(1) && split(2) > split(3));
  assert.ok(Math.abs(peak(2) - (split(2) - Math.max(split(1), split(3)))) < 1e-12);
  assert.ok(peak(2) > 0 && peak(1) < 0 && peak(3) < 0);
});

test('boundaryRows: a note in brackets closing the paragraph before (（摘自…）, …。（相关报道见第九版）) is evidence of its own', () => {
  const page = [story('论坛'), '（摘自10月20日在某论坛上的致辞）', story('智慧社会'), `${story('融合')}（相关报道见第九版）`, story('网络'), '某论坛开幕', '建设智慧社会', '推动媒体融合', ''].join('\n\n');
  const { zones, rows } = rowsOf(page);
  // It stands before the four split gain features.
  const note = (unit: number) => rows.find((r) => r.unit === unit)!.features.at(-5);
  const at = (text: string) => zones.body.findIndex((u) => u.type === 'body' && u.text.startsWith(text));
  assert.equal(note(at('智慧社会')), 1);
  assert.equal(note(at('网络')), 1);
  assert.equal(note(at('（摘自')), 0);
});

test('candidates: a box printed at an article’s end (知识链接) opens no article, and neither does its text', () => {
  const page = [story('自行车'), story('工厂'), '知识链接', story('手表'), '（本报记者王某某）', story('电视机'), story('天线'), '第一辆国产自行车', '第一台国产电视机', ''].join('\n\n');
  const { zones, rows } = rowsOf(page);
  const texts = zones.blocks.map((b) => b.map((l) => l.text));
  const units = candidates(rows, texts, zones).map((c) => c.unit);
  const box = zones.body.findIndex((u) => u.type === 'body' && u.text === '知识链接');
  assert.ok(box > 0);
  assert.ok(!units.includes(box) && !units.includes(box + 1));
});

test('candidates: a line taken for a heading that leaves a quote or bracket open (a line a column break cut) opens no article', () => {
  const cut = (line: string) => {
    const page = [story('治水'), story('河道'), line, story('不满意'), story('整治'), '某市加强河湖治理', '群众不满意什么就整治什么', ''].join('\n\n');
    const { zones, rows } = rowsOf(page);
    const at = zones.body.findIndex((u) => u.type === 'body' && u.text === line);
    assert.ok(at > 0 && zones.intertitle[at]);
    return candidates(rows, zones.blocks.map((b) => b.map((l) => l.text)), zones).some((c) => c.unit === at);
  };
  assert.equal(cut('今年1月起，某市启动了“群众最不满意'), false);
  assert.equal(cut('“不满意”到“满意”，某市启动了“群众'), false);
});

test('blockPairFeatures: a dated line in brackets, a title going on with a preposition, a speaker’s kicker go with the block before', () => {
  const together = (a: string, b: string) => startProbability(blockPairFeatures([a], [b]), PAIR_WEIGHTS);
  assert.ok(together('在庆祝大会上的讲话', '（2019年10月1日）') > 0.5);
  assert.ok(together('某某强调积极发挥自贸试验区', '在大湾区建设中的合作示范作用') > together('某某强调积极发挥自贸试验区', '大湾区建设中的合作示范作用'));
  assert.ok(together('某地联络办负责人', '支持特区政府制订规例') > together('某地联络办', '支持特区政府制订规例'));
});

test('trailingZones: a furniture line as wide as the column takes the rest of it; furniture before the headings closes the text', () => {
  // A wrapped page (19 columns): the text, photo captions (heading-like), a source note wrapping over two lines, then the headline.
  const page = [
    ...Array.from({ length: 10 }, () => '银幕上，几代电影人记录了新中国栉风沐雨\n又坚韧顽强的成长历程，表达了人民大众苦\n苦追索又不离不弃的家国情怀。'),
    '《创业》·1975年',
    '《英雄儿女》·1964年',
    '资料来源：中国电影文学学会剧作理论委\n员会',
    '光影抒写巨变  梦想照亮征程（逐梦70年）',
    '',
  ].join('\n\n');
  const zones = trailingZones(page, pageUnits(page));
  assert.deepEqual(zones.blocks.map((b) => b.map((l) => l.text)), [['光影抒写巨变  梦想照亮征程（逐梦70年）']]);
  assert.deepEqual(zones.noise.map((n) => page.slice(n.start, n.end)), ['资料来源：中国电影文学学会剧作理论委\n员会']);
  assert.equal(zones.body.length, 12);
});

test('assignHeadings: a photo report’s 图片报道 goes to the item whose picture is credited (…摄), not to the text after it', () => {
  const raising = column('1日一早，甲省不少地方、单位举行升旗仪式。在甲市，6时30分，市委、市政府在市民中心广场举行升国旗仪式，吸引了各界人士参加。');
  const caption = column('10月1日晚，联欢活动在广场举行。图为联欢活动现场。');
  const square = column('本报乙市10月1日电  （记者张某）1日，乙市金紫荆广场，五星红旗和紫荆花旗冉冉升起、迎风飘扬。特区政府隆重举行升旗仪式，悬挂着国旗和区旗的直升机飞越上空。');
  const fete = column('据新华社丙市10月1日电  （记者胡某）国庆节的丙市到处洋溢着喜庆的气氛，特区政府举办丰富多彩的活动，市民踊跃参加，共同庆祝祖国生日。');
  const heads = ['甲地升旗仪式隆重举行', '图片报道', '乙市举行升旗仪式及酒会庆祝新中国成立70周年', '丙市举办丰富多彩活动庆祝新中国成立70周年'];
  const page = [raising, caption, '本报记者  李  舸摄', square, fete, ...heads, ''].join('\n\n');
  const { zones, rows } = rowsOf(page);
  const texts = zones.blocks.map((b) => b.map((l) => l.text));
  const cands = candidates(rows, texts, zones);
  // The caption's start is weak evidence, as a caption right after text often is; the two last headlines look alike.
  for (const c of cands) if (c.unit === 1) c.bonus = -2;
  assert.deepEqual(assignHeadings(cands, rows, texts, zones.picture, bodyCharacters(zones.body)), [
    { unit: 0, from: 0, to: 1 },
    { unit: 1, from: 1, to: 2 },
    { unit: 3, from: 2, to: 3 },
    { unit: 4, from: 3, to: 4 },
  ]);
});
