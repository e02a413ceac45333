FROM node:22-slim
RUN npm install -g @angular/cli@18.2.8 @nestjs/cli
USER node
