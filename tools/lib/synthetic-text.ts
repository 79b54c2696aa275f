/**
 * Text building blocks for synthetic records: a writer that tracks character offsets (so every
 * provenance points at the value it names) and Vietnamese administrative vocabulary modelled
 * on the seed plans (UBND xã/huyện headers, "Kế hoạch số …", thi đua sections, quotas,
 * deadlines, Nơi nhận).
 */
import type { Provenance } from '../../src/schema/document.js';

export class TextWriter {
  text = '';
  section: string | null = null;
  /** Append `s`; returns its provenance in the final text. */
  add(s: string): Provenance {
    const start = this.text.length;
    this.text += s;
    return { section: this.section, start, end: this.text.length };
  }
  line(s = ''): Provenance {
    const p = this.add(s);
    this.text += '\n';
    return p;
  }
}

export interface Locality {
  province: string;
  district: string;
  districtKind: 'huyện' | 'thành phố' | 'thị xã';
  communes: Array<{ kind: 'xã' | 'thị trấn' | 'phường'; name: string }>;
}

export const LOCALITIES: Locality[] = [
  { province: 'Nam Định', district: 'Trực Ninh', districtKind: 'huyện', communes: [{ kind: 'thị trấn', name: 'Cổ Lễ' }, { kind: 'xã', name: 'Trực Đại' }, { kind: 'xã', name: 'Trực Thắng' }] },
  { province: 'Nam Định', district: 'Vụ Bản', districtKind: 'huyện', communes: [{ kind: 'xã', name: 'Đại Thắng' }, { kind: 'xã', name: 'Đại An' }, { kind: 'xã', name: 'Kim Thái' }] },
  { province: 'Đồng Nai', district: 'Long Thành', districtKind: 'huyện', communes: [{ kind: 'xã', name: 'An Phước' }, { kind: 'xã', name: 'Long Đức' }, { kind: 'thị trấn', name: 'Long Thành' }] },
  { province: 'Tây Ninh', district: 'Châu Thành', districtKind: 'huyện', communes: [{ kind: 'xã', name: 'Thái Bình' }, { kind: 'xã', name: 'Hảo Đước' }] },
  { province: 'Lào Cai', district: 'Văn Bàn', districtKind: 'huyện', communes: [{ kind: 'xã', name: 'Dương Quỳ' }, { kind: 'xã', name: 'Khánh Yên Hạ' }, { kind: 'xã', name: 'Võ Lao' }] },
  { province: 'Thanh Hóa', district: 'Sầm Sơn', districtKind: 'thành phố', communes: [{ kind: 'phường', name: 'Trường Sơn' }, { kind: 'phường', name: 'Quảng Tiến' }] },
  { province: 'Nghệ An', district: 'Thái Hòa', districtKind: 'thị xã', communes: [{ kind: 'phường', name: 'Hòa Hiếu' }, { kind: 'xã', name: 'Nghĩa Thuận' }] },
  { province: 'Quảng Ngãi', district: 'Đức Phổ', districtKind: 'thị xã', communes: [{ kind: 'phường', name: 'Phổ Ninh' }, { kind: 'xã', name: 'Phổ Châu' }] },
  { province: 'Hà Tĩnh', district: 'Kỳ Anh', districtKind: 'huyện', communes: [{ kind: 'xã', name: 'Kỳ Đồng' }, { kind: 'xã', name: 'Kỳ Tiến' }] },
];

/** Campaign themes: each document is about one, so free-text queries have real targets. */
export const THEMES = [
  { name: 'cải cách hành chính', goal: 'nâng cao Chỉ số cải cách hành chính và sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước', items: ['Thi đua cải cách thủ tục hành chính, công khai thủ tục tại Bộ phận Một cửa', 'Thi đua nâng cao văn hóa công vụ, kỷ luật, kỷ cương hành chính', 'Thi đua đẩy mạnh tuyên truyền về cải cách hành chính đến tổ chức, cá nhân'] },
  { name: 'chuyển đổi số', goal: 'đẩy mạnh ứng dụng công nghệ thông tin, xây dựng chính quyền số và dịch vụ công trực tuyến toàn trình', items: ['Thi đua tiếp nhận hồ sơ qua dịch vụ công trực tuyến', 'Thi đua số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Thi đua phổ cập kỹ năng số cho người dân'] },
  { name: 'xây dựng nông thôn mới', goal: 'hoàn thành các tiêu chí nông thôn mới nâng cao, cải thiện đời sống vật chất và tinh thần của nhân dân', items: ['Thi đua chỉnh trang khu dân cư, xây dựng tuyến đường kiểu mẫu', 'Thi đua phát triển sản xuất, nâng cao thu nhập của hộ gia đình', 'Thi đua giữ gìn vệ sinh môi trường nông thôn xanh, sạch, đẹp'] },
  { name: 'bảo đảm trật tự an toàn giao thông', goal: 'kiềm chế, giảm tai nạn giao thông trên cả ba tiêu chí và xây dựng văn hóa giao thông', items: ['Thi đua tuyên truyền pháp luật về trật tự an toàn giao thông', 'Thi đua xây dựng tuyến đường an toàn giao thông', 'Thi đua chấp hành nghiêm quy định đội mũ bảo hiểm'] },
  { name: 'phòng, chống thiên tai và tìm kiếm cứu nạn', goal: 'chủ động phòng ngừa, ứng phó kịp thời, giảm thiểu thiệt hại do thiên tai, bão lũ gây ra', items: ['Thi đua kiện toàn lực lượng xung kích phòng chống thiên tai', 'Thi đua chuẩn bị vật tư, phương tiện theo phương châm bốn tại chỗ', 'Thi đua diễn tập ứng phó bão lũ tại khu dân cư'] },
  { name: 'bảo vệ môi trường', goal: 'giảm thiểu rác thải nhựa, phân loại rác tại nguồn và bảo vệ cảnh quan sinh thái', items: ['Thi đua phân loại rác thải sinh hoạt tại hộ gia đình', 'Thi đua trồng cây xanh nơi công cộng', 'Thi đua nói không với túi ni lông'] },
] as const;

export const AWARD_FORMS = ['Giấy khen của Chủ tịch UBND', 'Chiến sĩ thi đua cơ sở', 'Lao động tiên tiến'];
export const SIGNERS = ['Nguyễn Quang Trình', 'Lê Văn Tiếp', 'Lê Ngọc An', 'Trần Thị Hoa', 'Phạm Đức Minh', 'Hoàng Văn Thụ', 'Đặng Thị Lan', 'Vũ Quốc Đạt'];
export const NATIONAL_REFS = [
  { type: 'Nghị định', number: '91/2017/NĐ-CP', date: '2017-07-31', issuer: 'Chính phủ', subject: 'quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng' },
  { type: 'Nghị định', number: '98/2023/NĐ-CP', date: '2023-12-31', issuer: 'Chính phủ', subject: 'quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng' },
  { type: 'Chỉ thị', number: '23/CT-TTg', date: '2021-09-02', issuer: 'Thủ tướng Chính phủ', subject: 'đẩy mạnh triển khai Chương trình tổng thể cải cách hành chính nhà nước' },
  { type: 'Nghị định', number: '42/2022/NĐ-CP', date: '2022-06-24', issuer: 'Chính phủ', subject: 'cung cấp thông tin và dịch vụ công trực tuyến' },
] as const;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
