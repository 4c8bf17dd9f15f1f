// The example site's articles and videos: invented, written for this example.
'use strict';

const articles = [
  {
    slug: 'river-crossing',
    title: 'Ferry service across the estuary resumes after two winters',
    date: '2026-11-20',
    paragraphs: [
      'For the first time since the ice storms, the small car ferry between the two river towns ran a full timetable this week.',
      'Its crew of four spent the autumn refitting the engine with parts bought at auction from a retired harbour tug.',
      'Traders on both banks say the crossing cuts a ninety-minute drive to a quarter of an hour, and the Saturday market has already doubled in size.',
    ],
  },
  {
    slug: 'library-night',
    title: 'The district library stays open all night for its hundredth birthday',
    date: '2026-11-14',
    paragraphs: [
      'Readers queued past midnight to borrow from a collection that began in 1926 as three shelves in a railway waiting room.',
      'Volunteers read aloud in four languages until dawn, and the oldest card holder, aged 97, cut the cake.',
    ],
  },
  {
    slug: 'orchard-count',
    title: 'Schoolchildren map every old apple tree in the valley',
    date: '2026-11-02',
    paragraphs: [
      'Over one summer, three classes logged 1,140 trees with a phone app, including eleven varieties nobody had recorded before.',
      'The map now guides a grafting project that will plant young copies of the rarest trees along the school road.',
    ],
  },
];

const videos = [
  {
    slug: 'cup-final',
    title: 'Highlights: the regional cup final',
    description: 'Ninety minutes, two red cards and a winner in stoppage time, in four minutes of footage.',
  },
];

module.exports = {
  articles,
  videos,
  findArticle: (slug) => articles.find((article) => article.slug === slug),
  findVideo: (slug) => videos.find((video) => video.slug === slug),
};
