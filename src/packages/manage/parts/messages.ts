import { defineMessages } from '@/core/i18n'

/** Words the management pages share: the names of places. */
export const partsMessages = defineMessages({
  'zh-CN': {
    chooseArea: '选择小区',
    chooseBuilding: '选择楼栋',
    otherArea: '换一个小区',
    noAreas: '还没有小区。',
    noBuildings: '这个小区还没有楼栋。',
    buildingName: '{area} {building}',
  },
  en: {
    chooseArea: 'Choose an estate',
    chooseBuilding: 'Choose a building',
    otherArea: 'Another estate',
    noAreas: 'There are no estates yet.',
    noBuildings: 'This estate has no buildings yet.',
    buildingName: '{area}, {building}',
  },
  ko: {
    chooseArea: '단지 선택',
    chooseBuilding: '건물 선택',
    otherArea: '다른 단지',
    noAreas: '아직 단지가 없습니다.',
    noBuildings: '이 단지에는 아직 건물이 없습니다.',
    buildingName: '{area} {building}',
  },
  ja: {
    chooseArea: '団地を選ぶ',
    chooseBuilding: '棟を選ぶ',
    otherArea: 'ほかの団地',
    noAreas: 'まだ団地がありません。',
    noBuildings: 'この団地にはまだ棟がありません。',
    buildingName: '{area} {building}',
  },
})
